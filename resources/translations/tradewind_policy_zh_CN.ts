<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>LinksTab</name>
    <message>
        <location filename="../../ui/settings/links_tab.py" />
        <source>Built-in words</source>
        <translation>内置文字</translation>
    </message>
    <message>
        <location filename="../../ui/settings/links_tab.py" />
        <source>Files larger than this are offered as download links when you attach them. The first line introduces the links in the message; leave it empty for the built-in words.</source>
        <translation>添加附件时，大于此大小的文件会建议以下载链接发送。第一行文字在邮件中介绍这些链接；留空则使用内置文字。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/links_tab.py" />
        <source>Send files as links over:</source>
        <translation>超过此大小以链接发送：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/links_tab.py" />
        <source>First line (English):</source>
        <translation>第一行（英文）：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/links_tab.py" />
        <source>First line (Chinese):</source>
        <translation>第一行（中文）：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/links_tab.py" />
        <source>Links</source>
        <translation>链接</translation>
    </message>
</context>
<context>
    <name>RemoteContentTab</name>
    <message>
        <location filename="../../ui/settings/remote_tab.py" />
        <source>Pictures from the internet are blocked, since they tell the sender when and where you read the mail. Mail from these senders loads them; @domain allows everyone at that domain.</source>
        <translation>来自互联网的图片默认被阻止，因为它们会让发件人知道您何时、在何处阅读邮件。以下发件人的邮件会加载这些图片；@域名 表示允许该域名下的所有人。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/remote_tab.py" />
        <source>name@company.com or @company.com</source>
        <translation>name@company.com 或 @company.com</translation>
    </message>
    <message>
        <location filename="../../ui/settings/remote_tab.py" />
        <source>Allow</source>
        <translation>允许</translation>
    </message>
    <message>
        <location filename="../../ui/settings/remote_tab.py" />
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../ui/settings/remote_tab.py" />
        <source>Remote content</source>
        <translation>远程内容</translation>
    </message>
</context>
</TS>
