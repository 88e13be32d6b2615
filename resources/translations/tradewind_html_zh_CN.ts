<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>LinkPrompt</name>
    <message>
        <location filename="../../ui/reader/link_prompt.py" />
        <source>Full address: {0}</source>
        <translation>完整地址：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/reader/link_prompt.py" />
        <source>Links of the kind “{0}:” can run programs or read files on your computer; Tradewind does not open them.</source>
        <translation>“{0}:”类型的链接可以在您的电脑上运行程序或读取文件；Tradewind 不会打开它。</translation>
    </message>
    <message>
        <location filename="../../ui/reader/link_prompt.py" />
        <source>Open link</source>
        <translation>打开链接</translation>
    </message>
    <message>
        <location filename="../../ui/reader/link_prompt.py" />
        <source>Open this site in your web browser?

Site: {0}</source>
        <translation>在网页浏览器中打开此网站？

网站：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/reader/link_prompt.py" />
        <source>The address hides its real destination behind “{0}@”: the site that opens is {1}, not {0}.</source>
        <translation>此地址把真正的目的地藏在“{0}@”后面：实际打开的网站是 {1}，而不是 {0}。</translation>
    </message>
    <message>
        <location filename="../../ui/reader/link_prompt.py" />
        <source>The link text shows “{0}”, but the link goes somewhere else.</source>
        <translation>链接文字显示为“{0}”，但链接实际指向别处。</translation>
    </message>
    <message>
        <location filename="../../ui/reader/link_prompt.py" />
        <source>The site name is written in another alphabet (“{0}”); it is shown in its plain form.</source>
        <translation>网站名称使用了其他文字（“{0}”）；此处显示其原始形式。</translation>
    </message>
    <message>
        <location filename="../../ui/reader/link_prompt.py" />
        <source>The site name mixes letters of different alphabets (“{0}”); it may imitate a site you know.</source>
        <translation>网站名称混用了不同文字的字母（“{0}”）；它可能在冒充您熟悉的网站。</translation>
    </message>
    <message>
        <location filename="../../ui/reader/link_prompt.py" />
        <source>The site name “{0}” is not valid.</source>
        <translation>网站名称“{0}”无效。</translation>
    </message>
    <message>
        <location filename="../../ui/reader/link_prompt.py" />
        <source>This link has no web address; Tradewind does not open it.</source>
        <translation>此链接没有网址；Tradewind 不会打开它。</translation>
    </message>
    <message>
        <location filename="../../ui/reader/link_prompt.py" />
        <source>This link was not opened.</source>
        <translation>此链接未被打开。</translation>
    </message>
    <message>
        <location filename="../../ui/reader/link_prompt.py" />
        <source>Write a message from this link in Tradewind?</source>
        <translation>要在 Tradewind 中根据此链接写邮件吗？</translation>
    </message>
</context>
<context>
    <name>MailtoCompose</name>
    <message>
        <location filename="../../ui/composer/mailto_compose.py" />
        <source>A second “{0}” (“{1}”) was ignored.</source>
        <translation>第二个“{0}”（“{1}”）已被忽略。</translation>
    </message>
    <message>
        <location filename="../../ui/composer/mailto_compose.py" />
        <source>Line breaks were removed from “{0}” (“{1}”): they could add hidden headers.</source>
        <translation>已从“{0}”（“{1}”）中删除换行：换行可能添加隐藏的邮件头。</translation>
    </message>
    <message>
        <location filename="../../ui/composer/mailto_compose.py" />
        <source>This message was started from a link in an e-mail.</source>
        <translation>此邮件是从一封邮件中的链接开始撰写的。</translation>
    </message>
    <message>
        <location filename="../../ui/composer/mailto_compose.py" />
        <source>“{0}={1}” was ignored: a link may not attach files from your computer.</source>
        <translation>“{0}={1}”已被忽略：链接不能附加您电脑上的文件。</translation>
    </message>
    <message>
        <location filename="../../ui/composer/mailto_compose.py" />
        <source>“{0}={1}” was ignored: a link may not choose who the message is from or where replies go.</source>
        <translation>“{0}={1}”已被忽略：链接不能决定发件人或回复地址。</translation>
    </message>
    <message>
        <location filename="../../ui/composer/mailto_compose.py" />
        <source>“{0}={1}” was ignored: a link may not set other message headers.</source>
        <translation>“{0}={1}”已被忽略：链接不能设置其他邮件头。</translation>
    </message>
    <message>
        <location filename="../../ui/composer/mailto_compose.py" />
        <source>“{0}={1}” was ignored: it is not a message identifier.</source>
        <translation>“{0}={1}”已被忽略：它不是邮件标识符。</translation>
    </message>
    <message>
        <location filename="../../ui/composer/mailto_compose.py" />
        <source>“{0}” was too long and was cut (“{1}”).</source>
        <translation>“{0}”太长，已被截断（“{1}”）。</translation>
    </message>
</context>
<context>
    <name>ReaderPane</name>
    <message>
        <location filename="../../ui/reader/pane.py" />
        <source>Does not open: {0}</source>
        <translation>不会打开：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/reader/pane.py" />
        <source>Goes to: {0}</source>
        <translation>指向：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/reader/pane.py" />
        <source>A part written in HTML with the character set {0} is shown as plain text: mail programs no longer display HTML in that character set.</source>
        <translation>一个使用 {0} 字符集的 HTML 部分以纯文本显示：邮件程序已不再以该字符集显示 HTML。</translation>
    </message>
</context>
</TS>
