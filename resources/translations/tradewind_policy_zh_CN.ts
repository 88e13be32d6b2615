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
</TS>
