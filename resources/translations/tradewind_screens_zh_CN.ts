<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CacheRepairDialog</name>
    <message>
        <location filename="../../ui/app/cache_repair.py" />
        <source>parts of the file are damaged</source>
        <translation>文件的部分内容已损坏</translation>
    </message>
    <message>
        <location filename="../../ui/app/cache_repair.py" />
        <source>the file is not a Tradewind cache, or its beginning is damaged</source>
        <translation>该文件不是 Tradewind 缓存，或其开头部分已损坏</translation>
    </message>
</context>
<context>
    <name>MailtoCompose</name>
    <message>
        <location filename="../../ui/composer/mailto_compose.py" />
        <source>The link adds a hidden copy (Bcc) to {0}: remove it unless you want them to get this message.</source>
        <translation>此链接添加了密送（Bcc）收件人 {0}：除非您确实想让对方收到这封邮件，否则请删除。</translation>
    </message>
</context>
</TS>
