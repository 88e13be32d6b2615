<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ConversationWindow</name>
    <message>
        <source>Conversation</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在载入…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>（无主题）</translation>
    </message>
    <message>
        <source>Cannot show this conversation: {0}</source>
        <translation>无法显示此会话：{0}</translation>
    </message>
</context>
<context>
    <name>EverydayCommands</name>
    <message>
        <source>Open in a window</source>
        <translation>在新窗口中打开</translation>
    </message>
    <message>
        <source>Open conversation</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation>清除搜索</translation>
    </message>
    <message>
        <source>Page down, then next unread</source>
        <translation>向下翻页，到底后转到下一封未读</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>实际大小</translation>
    </message>
    <message>
        <source>Save as .eml…</source>
        <translation>另存为 .eml…</translation>
    </message>
    <message>
        <source>Print preview…</source>
        <translation>打印预览…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Text under toolbar icons</source>
        <translation>工具栏图标下显示文字</translation>
    </message>
    <message>
        <source>Reading pane</source>
        <translation>阅读窗格</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>右侧</translation>
    </message>
    <message>
        <source>Bottom</source>
        <translation>底部</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>文字大小</translation>
    </message>
    <message>
        <source>System size</source>
        <translation>系统大小</translation>
    </message>
    <message>
        <source>{0} points</source>
        <translation>{0} 磅</translation>
    </message>
</context>
<context>
    <name>KeyboardNavigation</name>
    <message>
        <source>Folders</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>邮件列表</translation>
    </message>
    <message>
        <source>Search messages</source>
        <translation>搜索邮件</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>Message text</source>
        <translation>邮件正文</translation>
    </message>
    <message>
        <source>All headers</source>
        <translation>全部邮件头</translation>
    </message>
    <message>
        <source>Message count</source>
        <translation>邮件数量</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Message list columns</source>
        <translation>邮件列表的列</translation>
    </message>
    <message>
        <source>More commands</source>
        <translation>更多命令</translation>
    </message>
</context>
<context>
    <name>ListFit</name>
    <message>
        <source>No messages match “{0}”.</source>
        <translation>没有与“{0}”匹配的邮件。</translation>
    </message>
    <message>
        <source>There are no messages in this folder.</source>
        <translation>此文件夹中没有邮件。</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列</translation>
    </message>
</context>
<context>
    <name>MessageCard</name>
    <message>
        <source>Message from {0}, {1}</source>
        <translation>来自 {0} 的邮件，{1}</translation>
    </message>
    <message>
        <source>Message text</source>
        <translation>邮件正文</translation>
    </message>
</context>
<context>
    <name>MessageExport</name>
    <message>
        <source>Save message as</source>
        <translation>邮件另存为</translation>
    </message>
    <message>
        <source>Email message (*.eml)</source>
        <translation>电子邮件 (*.eml)</translation>
    </message>
    <message>
        <source>Select a message first.</source>
        <translation>请先选择一封邮件。</translation>
    </message>
</context>
<context>
    <name>MessageListModel</name>
    <message>
        <source>(no recipient)</source>
        <translation>（无收件人）</translation>
    </message>
    <message>
        <source>To</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>未读</translation>
    </message>
    <message>
        <source>Not flagged</source>
        <translation>未加旗标</translation>
    </message>
    <message>
        <source>Has attachments</source>
        <translation>有附件</translation>
    </message>
    <message>
        <source>No attachments</source>
        <translation>无附件</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>已回复</translation>
    </message>
</context>
<context>
    <name>Notifications</name>
    <message>
        <source>Do not disturb</source>
        <translation>勿扰</translation>
    </message>
    <message>
        <source>No desktop notifications for new mail</source>
        <translation>新邮件不显示桌面通知</translation>
    </message>
    <message>
        <source>Notify about new mail here</source>
        <translation>此文件夹有新邮件时通知</translation>
    </message>
</context>
<context>
    <name>PrintExport</name>
    <message>
        <source>From</source>
        <translation>发件人</translation>
    </message>
    <message>
        <source>To</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Cc</source>
        <translation>抄送</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>（无主题）</translation>
    </message>
    <message>
        <source>Could not save the message: {0}</source>
        <translation>无法保存邮件：{0}</translation>
    </message>
    <message>
        <source>Saved as {0}</source>
        <translation>已保存为 {0}</translation>
    </message>
</context>
<context>
    <name>ReaderWindow</name>
    <message>
        <source>Save message as</source>
        <translation>邮件另存为</translation>
    </message>
    <message>
        <source>Email message (*.eml)</source>
        <translation>电子邮件 (*.eml)</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在载入…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Save as .eml…</source>
        <translation>另存为 .eml…</translation>
    </message>
    <message>
        <source>Print preview…</source>
        <translation>打印预览…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>实际大小</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>（无主题）</translation>
    </message>
    <message>
        <source>Cannot show this message</source>
        <translation>无法显示此邮件</translation>
    </message>
    <message>
        <source>Cannot show this message: {0}</source>
        <translation>无法显示此邮件：{0}</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>ThreadExpander</name>
    <message>
        <source>Expand conversation</source>
        <translation>展开会话</translation>
    </message>
    <message>
        <source>Collapse conversation</source>
        <translation>折叠会话</translation>
    </message>
</context>
</TS>
