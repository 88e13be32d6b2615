<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MailtoCompose</name>
    <message>
        <location filename="../../ui/mailto_compose.py" />
        <source>The link adds a hidden copy (Bcc) to {0}: remove it unless you want them to get this message.</source>
        <translation>此链接添加了密送（Bcc）收件人 {0}：除非您确实想让对方收到这封邮件，否则请删除。</translation>
    </message>
</context>
</TS>
