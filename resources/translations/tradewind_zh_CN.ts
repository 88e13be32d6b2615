<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountWizard</name>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="88" />
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/dialog.py" line="389" />
        <source>Logged in to {0}:{1}. Press Continue for the last, optional step: your company's signature.</source>
        <translation>已登录 {0}:{1}。按“继续”进入最后一个可选步骤：公司签名。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app/main.py" line="176" />
        <source>Demo profile in {0}</source>
        <translation>演示配置文件位于 {0}</translation>
    </message>
</context>
<context>
    <name>AppSettingsDialog</name>
    <message>
        <location filename="../../ui/settings/dialog.py" line="193" />
        <source>E-mail:</source>
        <translation>邮箱：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="194" />
        <source>Skype:</source>
        <translation>Skype：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="194" />
        <source>LINE:</source>
        <translation>LINE：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/dialog.py" line="281" />
        <source>Saved, except these signature values, which are not valid (see the Signature tab): {0}</source>
        <translation>已保存，但以下签名信息无效，未保存（见“签名”选项卡）：{0}</translation>
    </message>
</context>
<context>
    <name>AttachedMessageWindow</name>
    <message>
        <location filename="../../ui/reader/attached_message.py" line="23" />
        <source>(no subject)</source>
        <translation>（无主题）</translation>
    </message>
    <message>
        <location filename="../../ui/reader/attached_message.py" line="24" />
        <source>{0} — attached message</source>
        <translation>{0} — 附带的邮件</translation>
    </message>
</context>
<context>
    <name>AttachmentActions</name>
    <message>
        <location filename="../../ui/reader/attachment_actions.py" line="54" />
        <source>Could not write the attachment: {0}</source>
        <translation>无法写入附件：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/reader/attachment_actions.py" line="68" />
        <source>Open attachment</source>
        <translation>打开附件</translation>
    </message>
    <message>
        <location filename="../../ui/reader/attachment_actions.py" line="69" />
        <source>“{0}” can run programs on your computer. Open it only if you expected it from this sender. Open it anyway?</source>
        <translation>“{0}”可能会在您的电脑上运行程序。只有在您确实在等这位发件人的这个文件时才打开它。仍要打开吗？</translation>
    </message>
    <message>
        <location filename="../../ui/reader/attachment_actions.py" line="92" />
        <source>Cannot open the attached message: {0}</source>
        <translation>无法打开附带的邮件：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/reader/attachment_actions.py" line="110" />
        <source>Save attachment</source>
        <translation>保存附件</translation>
    </message>
    <message>
        <location filename="../../ui/reader/attachment_actions.py" line="121" />
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/reader/attachment_actions.py" line="128" />
        <source>Save all attachments</source>
        <translation>保存全部附件</translation>
    </message>
    <message>
        <location filename="../../ui/reader/attachment_actions.py" line="141" />
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
        <location filename="../../ui/mainwindow/window.py" line="80" />
        <source>Tradewind</source>
        <extracomment>the rep chose another UI language in Settings ('system', 'en' or 'zh_CN') what the list shows: ("folder", folder_id) or ("search", text); None while loading</extracomment>
        <translation>Tradewind</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="80" />
        <source> — demo</source>
        <translation> — 演示</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="106" />
        <source>Search: words, from:, to:, subject:, has:attachment, is:unread, after:2026-01-31</source>
        <translation>搜索：关键词、from:、to:、subject:、has:attachment、is:unread、after:2026-01-31</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="190" />
        <source>New message</source>
        <translation>新邮件</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="192" />
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="194" />
        <source>Reply all</source>
        <translation>全部回复</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="196" />
        <source>Forward</source>
        <translation>转发</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="198" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="200" />
        <source>Mark read/unread</source>
        <translation>标为已读/未读</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="202" />
        <source>Flag</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="203" />
        <source>Next unread</source>
        <translation>下一封未读</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="205" />
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="207" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="208" />
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="210" />
        <source>Group by conversation</source>
        <translation>按会话分组</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="214" />
        <source>All headers</source>
        <translation>全部邮件头</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="218" />
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="231" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="237" />
        <source>&amp;Message</source>
        <translation>邮件(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="244" />
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="247" />
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="266" />
        <source>Offline — demo account (no server)</source>
        <translation>离线 — 演示账户（无服务器）</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="268" />
        <source>No account yet</source>
        <translation>尚无账户</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/core_events.py" line="54" />
        <location filename="../../ui/mainwindow/window.py" line="270" />
        <source>Offline — showing the local cache</source>
        <translation>离线 — 显示本地缓存</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="331" />
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="363" />
        <source>{0} found</source>
        <translation>找到 {0} 封</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="370" />
        <source>{0} conversations, {1} unread</source>
        <translation>{0} 个会话，{1} 封未读</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="372" />
        <source>{0} messages, {1} unread</source>
        <translation>{0} 封邮件，{1} 封未读</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="403" />
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="414" />
        <source>Search: {0}</source>
        <translation>搜索：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/window.py" line="438" />
        <source>Cannot show this message: {0}</source>
        <translation>无法显示此邮件：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/flag_commands.py" line="110" />
        <source>No more unread messages.</source>
        <translation>没有更多未读邮件。</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/core_events.py" line="41" />
        <source>{0}: {1} of {2}</source>
        <translation>{0}：{1} / {2}</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/core_events.py" line="52" />
        <source>Online — syncing</source>
        <translation>在线 — 正在同步</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/core_events.py" line="53" />
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/core_events.py" line="55" />
        <source>Error: {0}</source>
        <translation>错误：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/compose_commands.py" line="34" />
        <source>Select a message first.</source>
        <extracomment>builds a composer window ``(db_path, mode, message_row)``; None: ui.composer's window</extracomment>
        <translation>请先选择一封邮件。</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/compose_commands.py" line="52" />
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
        <location filename="../../ui/reader/pane.py" line="103" />
        <source>Load remote content</source>
        <extracomment>the rep asked to open / save one attachment (a ReaderAttachment), or save them all load remote pictures of this message (its id) / always for this sender (an address)</extracomment>
        <translation>加载远程内容</translation>
    </message>
    <message>
        <location filename="../../ui/reader/pane.py" line="158" />
        <source>No message selected</source>
        <translation>未选择邮件</translation>
    </message>
    <message>
        <location filename="../../ui/reader/pane.py" line="172" />
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../ui/reader/pane.py" line="196" />
        <source>(no subject)</source>
        <translation>（无主题）</translation>
    </message>
    <message>
        <location filename="../../ui/reader/pane.py" line="198" />
        <source>From: {0}</source>
        <translation>发件人：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/reader/pane.py" line="199" />
        <source>To: {0}</source>
        <translation>收件人：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/reader/pane.py" line="201" />
        <source>Cc: {0}</source>
        <translation>抄送：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/reader/pane.py" line="212" />
        <source>Replies go to a different address than the sender: {0}</source>
        <translation>回复将发送到与发件人不同的地址：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/reader/pane.py" line="223" />
        <source>Remote content blocked: {0} pictures from the internet were not loaded.</source>
        <translation>已阻止远程内容：{0} 张来自互联网的图片未加载。</translation>
    </message>
    <message>
        <location filename="../../ui/reader/pane.py" line="227" />
        <source>Shown as plain text; pictures and remote content are not loaded.</source>
        <translation>以纯文本显示；图片和远程内容未加载。</translation>
    </message>
    <message>
        <location filename="../../ui/reader/pane.py" line="231" />
        <source>Always for {0}</source>
        <translation>始终允许 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/reader/pane.py" line="274" />
        <source>Attachments: {0}</source>
        <translation>附件：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/reader/pane.py" line="287" />
        <source>not downloaded</source>
        <translation>未下载</translation>
    </message>
    <message>
        <location filename="../../ui/reader/pane.py" line="282" />
        <source>Attachments:</source>
        <translation>附件：</translation>
    </message>
    <message>
        <location filename="../../ui/reader/pane.py" line="289" />
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../ui/reader/pane.py" line="290" />
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location filename="../../ui/reader/pane.py" line="296" />
        <source>Save all…</source>
        <translation>全部保存…</translation>
    </message>
    <message>
        <location filename="../../ui/reader/pane.py" line="305" />
        <source>Open link</source>
        <translation>打开链接</translation>
    </message>
    <message>
        <location filename="../../ui/reader/pane.py" line="306" />
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
    <name>SignatureStep</name>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="57" />
        <source>Company signature (optional)</source>
        <translation>公司签名（可选）</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="62" />
        <source>If your company sets one signature for everybody's e-mail, enter where it keeps the signature policy and the company's public key; your IT department gives you both. Without a policy, skip this step.</source>
        <translation>如果公司为所有人的邮件统一设定签名，请填写签名策略的位置和公司的公钥，两者均由 IT 部门提供。没有签名策略时，请跳过此步骤。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="69" />
        <source>Keep the policy in force</source>
        <translation>保留当前生效的策略</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="70" />
        <source>Use another policy</source>
        <translation>使用其他策略</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="78" />
        <source>a folder, or https://intranet.company.example/signature/</source>
        <translation>文件夹，或 https://intranet.company.example/signature/</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="79" />
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="82" />
        <source>policy-public-key.pem</source>
        <translation>policy-public-key.pem</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="83" />
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="88" />
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="97" />
        <source>Policy location:</source>
        <translation>策略位置：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="99" />
        <source>Public key file:</source>
        <translation>公钥文件：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="100" />
        <source>…or paste the key:</source>
        <translation>…或粘贴公钥：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="154" />
        <source>This profile already uses the company signature policy of {0} from {1}.</source>
        <translation>此配置文件已在使用 {0} 的公司签名策略，来源：{1}。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="160" />
        <source>A company signature policy is configured, but its kept copy cannot be used: {0}</source>
        <translation>已配置公司签名策略，但保存的副本无法使用：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="179" />
        <source>Choose the policy folder</source>
        <translation>选择策略文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="186" />
        <source>Choose the company's public key</source>
        <translation>选择公司的公钥</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="187" />
        <source>Public keys (*.pem);;All files (*)</source>
        <translation>公钥 (*.pem);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="208" />
        <source>Checking the policy…</source>
        <translation>正在检查策略…</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="224" />
        <source>Installing the policy…</source>
        <translation>正在安装策略…</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="245" />
        <source>Valid policy of {0} (schema version {1}).</source>
        <translation>{0} 的有效策略（格式版本 {1}）。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="247" />
        <source>Signed on {0} with key {1}.</source>
        <translation>签署于 {0}，密钥 {1}。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="250" />
        <source>It is now in force for this profile.</source>
        <translation>该策略现已对此配置文件生效。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="251" />
        <source>Press Finish to use it for this profile.</source>
        <translation>按“完成”即对此配置文件启用该策略。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="257" />
        <source>No template of this policy applies to {0}: {1}</source>
        <translation>此策略中没有适用于 {0} 的模板：{1}</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="259" />
        <source>Your address {0} gets the template “{1}”.</source>
        <translation>您的地址 {0} 使用模板“{1}”。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="262" />
        <source>Language variants: {0}.</source>
        <translation>语言版本：{0}。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="265" />
        <source>Replies get a shorter form.</source>
        <translation>回复邮件使用简短版本。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="267" />
        <source>Before you can send with it: {0}</source>
        <translation>使用它发送邮件之前：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="278" />
        <source>The policy cannot be reached now.</source>
        <translation>目前无法访问该策略。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="279" />
        <source>The public key cannot be used.</source>
        <translation>无法使用该公钥。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="280" />
        <source>The policy was refused: it uses a schema version this Tradewind does not know.</source>
        <translation>策略被拒绝：它使用的格式版本本 Tradewind 无法识别。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="282" />
        <source>The policy was refused: its signature is not valid.</source>
        <translation>策略被拒绝：其数字签名无效。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="283" />
        <source>The policy was refused: its logo is missing or not an image.</source>
        <translation>策略被拒绝：缺少徽标或徽标不是图片。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="284" />
        <source>The policy location cannot be used.</source>
        <translation>无法使用该策略位置。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="285" />
        <source>The policy was refused.</source>
        <translation>策略被拒绝。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="288" />
        <source>The policy could not be checked.</source>
        <translation>无法检查该策略。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="289" />
        <source>The policy in force stays in force.</source>
        <translation>当前生效的策略继续有效。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/signature_step.py" line="290" />
        <source>Nothing was changed.</source>
        <translation>未做任何更改。</translation>
    </message>
</context>
<context>
    <name>SignatureTab</name>
    <message>
        <location filename="../../ui/settings/signature_tab.py" line="90" />
        <source>The company signature policy cannot be used: {0}</source>
        <translation>无法使用公司签名策略：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signature_tab.py" line="93" />
        <source>A company signature policy is in force, but this profile has no sending address yet.</source>
        <translation>公司签名策略已生效，但此配置文件还没有发件地址。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signature_tab.py" line="96" />
        <source>No company signature policy is configured for this profile, so there is nothing to fill in here.</source>
        <translation>此配置文件未配置公司签名策略，因此这里无需填写。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signature_tab.py" line="103" />
        <source>Your company sets the signature. You may fill in the values in boxes; the others come from the company's policy.</source>
        <translation>签名由公司统一设定。您可以填写输入框中的内容；其他信息来自公司策略。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signature_tab.py" line="112" />
        <source>Reply form</source>
        <translation>回复版本</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signature_tab.py" line="117" />
        <source>Sending address:</source>
        <translation>发件地址：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signature_tab.py" line="119" />
        <source>Recipient's language:</source>
        <translation>收件人语言：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signature_tab.py" line="168" />
        <source>Set by your company's policy; you cannot change it.</source>
        <translation>由公司策略设定，您无法更改。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signature_tab.py" line="186" />
        <source>Preview (HTML):</source>
        <translation>预览（HTML）：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signature_tab.py" line="189" />
        <source>Plain-text form:</source>
        <translation>纯文本版本：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signature_tab.py" line="202" />
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signature_tab.py" line="236" />
        <source>Too long: at most {0} characters.</source>
        <translation>太长：最多 {0} 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signature_tab.py" line="238" />
        <source>Use one line, without control characters.</source>
        <translation>请只写一行，不要包含控制字符。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signature_tab.py" line="240" />
        <source>Your company's policy does not let you fill this value.</source>
        <translation>公司策略不允许您填写此项。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signature_tab.py" line="242" />
        <source>Not a phone number: use digits, spaces and + ( ) - . /</source>
        <translation>不是电话号码：请使用数字、空格和 + ( ) - . /</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signature_tab.py" line="244" />
        <source>Not a link: it must start with http:// or https://</source>
        <translation>不是链接：必须以 http:// 或 https:// 开头</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signature_tab.py" line="246" />
        <source>Not an e-mail address.</source>
        <translation>不是电子邮件地址。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signature_tab.py" line="265" />
        <source>The signature cannot be shown: {0}</source>
        <translation>无法显示签名：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signature_tab.py" line="275" />
        <source>…your message…</source>
        <translation>…您的邮件正文…</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <location filename="../../ui/app/tray.py" line="58" />
        <source>Tradewind: {0} unread</source>
        <translation>Tradewind：{0} 封未读</translation>
    </message>
    <message>
        <location filename="../../ui/app/tray.py" line="60" />
        <source>Tradewind: no unread mail</source>
        <translation>Tradewind：没有未读邮件</translation>
    </message>
    <message>
        <location filename="../../ui/app/tray.py" line="68" />
        <source>New mail from {0}</source>
        <translation>来自 {0} 的新邮件</translation>
    </message>
    <message>
        <location filename="../../ui/app/tray.py" line="71" />
        <source>{0} new messages</source>
        <translation>{0} 封新邮件</translation>
    </message>
    <message>
        <location filename="../../ui/app/tray.py" line="72" />
        <source>Latest from {0}: {1}</source>
        <translation>最新一封来自 {0}：{1}</translation>
    </message>
</context>
</TS>