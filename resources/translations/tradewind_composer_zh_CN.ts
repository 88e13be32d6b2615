<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddressProblems</name>
    <message>
        <source>Not an email address: {0}</source>
        <translation>不是电子邮件地址：{0}</translation>
    </message>
</context>
<context>
    <name>AnswerControls</name>
    <message>
        <source>Company signature (set by your company; it cannot be edited here)</source>
        <translation>公司签名（由公司设定，不能在此编辑）</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Not sent: correct the addresses marked in red.</source>
        <translation>未发送：请更正标红的地址。</translation>
    </message>
    <message>
        <source>The checks before sending failed: {0}</source>
        <translation>发送前检查失败：{0}</translation>
    </message>
    <message>
        <source>The language of the reply's header and of the signature, detected from the message</source>
        <translation>回复引言和签名所用的语言，根据来信检测</translation>
    </message>
    <message>
        <source>Your signature (change it in Settings → Composer)</source>
        <translation>您的签名（在“设置 → 撰写”中修改）</translation>
    </message>
</context>
<context>
    <name>ComposerSettingsTab</name>
    <message>
        <source>Ask when a recipient is a no-reply address</source>
        <translation>收件人是“请勿回复”地址时提醒</translation>
    </message>
    <message>
        <source>Ask when the attachments are too large for the provider or the link threshold</source>
        <translation>附件超过服务商限制或链接阈值时提醒</translation>
    </message>
    <message>
        <source>Ask when the subject is empty</source>
        <translation>主题为空时提醒</translation>
    </message>
    <message>
        <source>Ask when the text mentions an attachment but none is attached</source>
        <translation>正文提到附件但未添加附件时提醒</translation>
    </message>
    <message>
        <source>Bold</source>
        <translation>粗体</translation>
    </message>
    <message>
        <source>Checks before sending</source>
        <translation>发送前检查</translation>
    </message>
    <message>
        <source>Composer</source>
        <translation>撰写</translation>
    </message>
    <message>
        <source>For:</source>
        <translation>用于：</translation>
    </message>
    <message>
        <source>Italic</source>
        <translation>斜体</translation>
    </message>
    <message>
        <source>Reply style:</source>
        <translation>回复方式：</translation>
    </message>
    <message>
        <source>Your company's signature policy is in force: its signature is used instead of this one.</source>
        <translation>公司的签名策略已生效：将使用公司签名，而不是此签名。</translation>
    </message>
    <message>
        <source>Your own signature</source>
        <translation>您自己的签名</translation>
    </message>
</context>
<context>
    <name>PreSendDialog</name>
    <message>
        <source>Back to the message</source>
        <translation>返回邮件</translation>
    </message>
    <message>
        <source>Before sending</source>
        <translation>发送之前</translation>
    </message>
    <message>
        <source>Don't ask again for these checks</source>
        <translation>这些检查不再提醒</translation>
    </message>
    <message>
        <source>Please check this message before it goes:</source>
        <translation>发送前请检查这封邮件：</translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation>仍然发送</translation>
    </message>
    <message>
        <source>Send the big files as links</source>
        <translation>将大文件作为链接发送</translation>
    </message>
    <message>
        <source>The attachments are larger than your provider accepts ({0} MB once encoded).</source>
        <translation>附件超过了您的服务商允许的大小（编码后 {0} MB）。</translation>
    </message>
    <message>
        <source>The subject is empty.</source>
        <translation>主题为空。</translation>
    </message>
    <message>
        <source>Your text mentions an attachment (“{0}”), but nothing is attached.</source>
        <translation>正文提到了附件（“{0}”），但没有添加任何附件。</translation>
    </message>
    <message>
        <source>{0} is a no-reply address: nobody will read your message.</source>
        <translation>{0} 是“请勿回复”地址：没有人会阅读您的邮件。</translation>
    </message>
    <message>
        <source>{0} is over the size for links; it is better sent as a download link.</source>
        <translation>{0} 超过了链接阈值，最好作为下载链接发送。</translation>
    </message>
</context>
<context>
    <name>ReplyStyle</name>
    <message>
        <source>Answer above the quote</source>
        <translation>在引文上方回复</translation>
    </message>
    <message>
        <source>Answer below the quote</source>
        <translation>在引文下方回复</translation>
    </message>
    <message>
        <source>Answer inline, in the quote</source>
        <translation>在引文中逐条回复</translation>
    </message>
</context>
</TS>
