<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="176" />
        <source>Demo profile in {0}</source>
        <translation>演示配置文件位于 {0}</translation>
    </message>
</context>
<context>
    <name>AttachedMessageWindow</name>
    <message>
        <location filename="../../ui/attached_message.py" line="23" />
        <source>(no subject)</source>
        <translation>（无主题）</translation>
    </message>
    <message>
        <location filename="../../ui/attached_message.py" line="24" />
        <source>{0} — attached message</source>
        <translation>{0} — 附带的邮件</translation>
    </message>
</context>
<context>
    <name>AttachmentActions</name>
    <message>
        <location filename="../../ui/attachment_actions.py" line="54" />
        <source>Could not write the attachment: {0}</source>
        <translation>无法写入附件：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/attachment_actions.py" line="68" />
        <source>Open attachment</source>
        <translation>打开附件</translation>
    </message>
    <message>
        <location filename="../../ui/attachment_actions.py" line="69" />
        <source>“{0}” can run programs on your computer. Open it only if you expected it from this sender. Open it anyway?</source>
        <translation>“{0}”可能会在您的电脑上运行程序。只有在您确实在等这位发件人的这个文件时才打开它。仍要打开吗？</translation>
    </message>
    <message>
        <location filename="../../ui/attachment_actions.py" line="92" />
        <source>Cannot open the attached message: {0}</source>
        <translation>无法打开附带的邮件：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/attachment_actions.py" line="110" />
        <source>Save attachment</source>
        <translation>保存附件</translation>
    </message>
    <message>
        <location filename="../../ui/attachment_actions.py" line="121" />
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/attachment_actions.py" line="128" />
        <source>Save all attachments</source>
        <translation>保存全部附件</translation>
    </message>
    <message>
        <location filename="../../ui/attachment_actions.py" line="141" />
        <source>Saved {0} files to {1}</source>
        <translation>已将 {0} 个文件保存到 {1}</translation>
    </message>
</context>
<context>
    <name>FolderTree</name>
    <message>
        <location filename="../../ui/models/folder_tree.py" line="23" />
        <source>Inbox</source>
        <translation>收件箱</translation>
    </message>
    <message>
        <location filename="../../ui/models/folder_tree.py" line="24" />
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../../ui/models/folder_tree.py" line="25" />
        <source>Drafts</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../ui/models/folder_tree.py" line="26" />
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <location filename="../../ui/models/folder_tree.py" line="27" />
        <source>Junk</source>
        <translation>垃圾邮件</translation>
    </message>
    <message>
        <location filename="../../ui/models/folder_tree.py" line="28" />
        <source>Trash</source>
        <translation>已删除</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="80" />
        <source>Tradewind</source>
        <extracomment>the rep chose another UI language in Settings ('system', 'en' or 'zh_CN') what the list shows: ("folder", folder_id) or ("search", text); None while loading</extracomment>
        <translation>Tradewind</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="80" />
        <source> — demo</source>
        <translation> — 演示</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="106" />
        <source>Search: words, from:, to:, subject:, has:attachment, is:unread, after:2026-01-31</source>
        <translation>搜索：关键词、from:、to:、subject:、has:attachment、is:unread、after:2026-01-31</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="190" />
        <source>New message</source>
        <translation>新邮件</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="192" />
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="194" />
        <source>Reply all</source>
        <translation>全部回复</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="196" />
        <source>Forward</source>
        <translation>转发</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="198" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="200" />
        <source>Mark read/unread</source>
        <translation>标为已读/未读</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="202" />
        <source>Flag</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="203" />
        <source>Next unread</source>
        <translation>下一封未读</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="205" />
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="207" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="208" />
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="210" />
        <source>Group by conversation</source>
        <translation>按会话分组</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="214" />
        <source>All headers</source>
        <translation>全部邮件头</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="218" />
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="231" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="237" />
        <source>&amp;Message</source>
        <translation>邮件(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="244" />
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="247" />
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="266" />
        <source>Offline — demo account (no server)</source>
        <translation>离线 — 演示账户（无服务器）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="268" />
        <source>No account yet</source>
        <translation>尚无账户</translation>
    </message>
    <message>
        <location filename="../../ui/core_events.py" line="54" />
        <location filename="../../ui/main_window.py" line="270" />
        <source>Offline — showing the local cache</source>
        <translation>离线 — 显示本地缓存</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="331" />
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="363" />
        <source>{0} found</source>
        <translation>找到 {0} 封</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="370" />
        <source>{0} conversations, {1} unread</source>
        <translation>{0} 个会话，{1} 封未读</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="372" />
        <source>{0} messages, {1} unread</source>
        <translation>{0} 封邮件，{1} 封未读</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="403" />
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="414" />
        <source>Search: {0}</source>
        <translation>搜索：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="438" />
        <source>Cannot show this message: {0}</source>
        <translation>无法显示此邮件：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/flag_commands.py" line="110" />
        <source>No more unread messages.</source>
        <translation>没有更多未读邮件。</translation>
    </message>
    <message>
        <location filename="../../ui/core_events.py" line="41" />
        <source>{0}: {1} of {2}</source>
        <translation>{0}：{1} / {2}</translation>
    </message>
    <message>
        <location filename="../../ui/core_events.py" line="52" />
        <source>Online — syncing</source>
        <translation>在线 — 正在同步</translation>
    </message>
    <message>
        <location filename="../../ui/core_events.py" line="53" />
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../ui/core_events.py" line="55" />
        <source>Error: {0}</source>
        <translation>错误：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/compose_commands.py" line="34" />
        <source>Select a message first.</source>
        <extracomment>builds a composer window ``(db_path, mode, message_row)``; None: ui.composer's window</extracomment>
        <translation>请先选择一封邮件。</translation>
    </message>
    <message>
        <location filename="../../ui/compose_commands.py" line="52" />
        <source>Queued in the outbox for {0}.</source>
        <translation>已放入发件箱，收件人：{0}。</translation>
    </message>
</context>
<context>
    <name>MessageListModel</name>
    <message>
        <location filename="../../ui/models/message_list.py" line="46" />
        <source>(no sender)</source>
        <translation>（无发件人）</translation>
    </message>
    <message>
        <location filename="../../ui/models/message_list.py" line="160" />
        <source>From</source>
        <extracomment>(sort key 'date'|'from'|'subject', descending) asked for by a header click.</extracomment>
        <translation>发件人</translation>
    </message>
    <message>
        <location filename="../../ui/models/message_list.py" line="161" />
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../ui/models/message_list.py" line="162" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/models/message_list.py" line="169" />
        <source>Read</source>
        <translation>已读</translation>
    </message>
    <message>
        <location filename="../../ui/models/message_list.py" line="170" />
        <source>Flagged</source>
        <translation>已标记</translation>
    </message>
    <message>
        <location filename="../../ui/models/message_list.py" line="171" />
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../ui/models/message_list.py" line="213" />
        <source>(no subject)</source>
        <translation>（无主题）</translation>
    </message>
</context>
<context>
    <name>ReaderPane</name>
    <message>
        <location filename="../../ui/reader.py" line="103" />
        <source>Load remote content</source>
        <extracomment>the rep asked to open / save one attachment (a ReaderAttachment), or save them all load remote pictures of this message (its id) / always for this sender (an address)</extracomment>
        <translation>加载远程内容</translation>
    </message>
    <message>
        <location filename="../../ui/reader.py" line="158" />
        <source>No message selected</source>
        <translation>未选择邮件</translation>
    </message>
    <message>
        <location filename="../../ui/reader.py" line="172" />
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../ui/reader.py" line="196" />
        <source>(no subject)</source>
        <translation>（无主题）</translation>
    </message>
    <message>
        <location filename="../../ui/reader.py" line="198" />
        <source>From: {0}</source>
        <translation>发件人：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/reader.py" line="199" />
        <source>To: {0}</source>
        <translation>收件人：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/reader.py" line="201" />
        <source>Cc: {0}</source>
        <translation>抄送：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/reader.py" line="212" />
        <source>Replies go to a different address than the sender: {0}</source>
        <translation>回复将发送到与发件人不同的地址：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/reader.py" line="223" />
        <source>Remote content blocked: {0} pictures from the internet were not loaded.</source>
        <translation>已阻止远程内容：{0} 张来自互联网的图片未加载。</translation>
    </message>
    <message>
        <location filename="../../ui/reader.py" line="227" />
        <source>Shown as plain text; pictures and remote content are not loaded.</source>
        <translation>以纯文本显示；图片和远程内容未加载。</translation>
    </message>
    <message>
        <location filename="../../ui/reader.py" line="231" />
        <source>Always for {0}</source>
        <translation>始终允许 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/reader.py" line="274" />
        <source>Attachments: {0}</source>
        <translation>附件：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/reader.py" line="287" />
        <source>not downloaded</source>
        <translation>未下载</translation>
    </message>
    <message>
        <location filename="../../ui/reader.py" line="282" />
        <source>Attachments:</source>
        <translation>附件：</translation>
    </message>
    <message>
        <location filename="../../ui/reader.py" line="289" />
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../ui/reader.py" line="290" />
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location filename="../../ui/reader.py" line="296" />
        <source>Save all…</source>
        <translation>全部保存…</translation>
    </message>
    <message>
        <location filename="../../ui/reader.py" line="305" />
        <source>Open link</source>
        <translation>打开链接</translation>
    </message>
    <message>
        <location filename="../../ui/reader.py" line="306" />
        <source>Open this address in your web browser?

{0}</source>
        <translation>在网页浏览器中打开此地址？

{0}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="22" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="24" />
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="28" />
        <source>Closing the window keeps Tradewind in the tray</source>
        <translation>关闭窗口时将 Tradewind 保留在托盘中</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="36" />
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <location filename="../../ui/tray.py" line="58" />
        <source>Tradewind: {0} unread</source>
        <translation>Tradewind：{0} 封未读</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="60" />
        <source>Tradewind: no unread mail</source>
        <translation>Tradewind：没有未读邮件</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="68" />
        <source>New mail from {0}</source>
        <translation>来自 {0} 的新邮件</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="71" />
        <source>{0} new messages</source>
        <translation>{0} 封新邮件</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="72" />
        <source>Latest from {0}: {1}</source>
        <translation>最新一封来自 {0}：{1}</translation>
    </message>
</context>
</TS>