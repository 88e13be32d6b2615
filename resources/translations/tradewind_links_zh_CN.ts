<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ComposerWindow</name>
    <message>
        <location filename="../../ui/composer/window.py" line="258" />
        <source>No longer on this computer or changed since the draft was saved, so not sent: {0}. Add them again to send them.</source>
        <translation>以下文件已不在本机，或在保存草稿后被修改，因此不会发送：{0}。如需发送，请重新添加。</translation>
    </message>
</context>
<context>
    <name>LinkOffer</name>
    <message>
        <location filename="../../ui/composer/link_offer.py" line="57" />
        <source>{0}: sent as download links, as your company's policy asks for files over {1} MB. The message waits in the outbox until the upload is done.</source>
        <translation>{0}：按公司政策，超过 {1} MB 的文件以下载链接发送。上传完成之前，邮件会留在发件箱中。</translation>
    </message>
</context>
<context>
    <name>LinkPasswordBox</name>
    <message>
        <location filename="../../ui/composer/link_password.py" line="34" />
        <source>Protect the links with a password</source>
        <translation>用密码保护链接</translation>
    </message>
    <message>
        <location filename="../../ui/composer/link_password.py" line="39" />
        <source>I send the password to the recipients separately</source>
        <translation>我另行把密码发给收件人</translation>
    </message>
    <message>
        <location filename="../../ui/composer/link_password.py" line="41" />
        <source>Put the password in the message</source>
        <translation>把密码写在邮件中</translation>
    </message>
    <message>
        <location filename="../../ui/composer/link_password.py" line="64" />
        <source>Your company requires a password on shared links.</source>
        <translation>公司要求共享链接必须设置密码。</translation>
    </message>
</context>
</TS>
