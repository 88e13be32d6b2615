<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ui/mainwindow/about.py" line="23"/>
        <location filename="../../ui/mainwindow/about.py" line="45"/>
        <source>About Tradewind</source>
        <translation>关于 Tradewind</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/about.py" line="25"/>
        <source>Tradewind {0}</source>
        <translation>Tradewind {0}</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/about.py" line="27"/>
        <source>Bundled libraries and their licences:</source>
        <translation>随附的程序库及其许可证：</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/about.py" line="43"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
</context>
<context>
    <name>DefaultApps</name>
    <message>
        <location filename="../../ui/mainwindow/default_apps.py" line="31"/>
        <source>Default mail app</source>
        <translation>默认邮件应用</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/default_apps.py" line="32"/>
        <source>Windows lets only you choose the app that opens e-mail links, .eml messages and .ics calendar files. Open Windows&apos; Default apps settings to choose Tradewind?</source>
        <translation>只有您本人才能在 Windows 中选择用来打开电子邮件链接、.eml 邮件和 .ics 日历文件的应用。要打开 Windows 的“默认应用”设置来选择 Tradewind 吗？</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow/default_apps.py" line="50"/>
        <source>Default mail app…</source>
        <translation>默认邮件应用…</translation>
    </message>
</context>
<context>
    <name>OpenTargets</name>
    <message>
        <location filename="../../ui/app/open_targets.py" line="28"/>
        <source>This mailto: link cannot be opened.</source>
        <translation>无法打开此 mailto: 链接。</translation>
    </message>
    <message>
        <location filename="../../ui/app/open_targets.py" line="63"/>
        <source>(no subject)</source>
        <translation>（无主题）</translation>
    </message>
    <message>
        <location filename="../../ui/app/open_targets.py" line="64"/>
        <source>{0} — message file, not imported</source>
        <translation>{0} — 邮件文件，未导入</translation>
    </message>
    <message>
        <location filename="../../ui/app/open_targets.py" line="78"/>
        <source>This file holds:</source>
        <translation>此文件包含：</translation>
    </message>
    <message>
        <location filename="../../ui/app/open_targets.py" line="90"/>
        <source>{0} — calendar file</source>
        <translation>{0} — 日历文件</translation>
    </message>
    <message>
        <location filename="../../ui/app/open_targets.py" line="80"/>
        <source>(no events)</source>
        <translation>（无事件）</translation>
    </message>
    <message>
        <location filename="../../ui/app/open_targets.py" line="83"/>
        <source>(no title)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <location filename="../../ui/app/open_targets.py" line="84"/>
        <source>Start: {0}</source>
        <translation>开始：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/app/open_targets.py" line="85"/>
        <source>End: {0}</source>
        <translation>结束：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/app/open_targets.py" line="86"/>
        <source>Organizer: {0}</source>
        <translation>组织者：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/app/open_targets.py" line="91"/>
        <source>Calendar file</source>
        <translation>日历文件</translation>
    </message>
    <message>
        <location filename="../../ui/app/open_targets.py" line="100"/>
        <source>Cannot open</source>
        <translation>无法打开</translation>
    </message>
    <message>
        <location filename="../../ui/app/open_targets.py" line="100"/>
        <source>Import into…</source>
        <translation>导入到…</translation>
    </message>
    <message>
        <location filename="../../ui/app/open_targets.py" line="100"/>
        <source>Keep this message in a folder of your mailbox (it is uploaded at the next sync)</source>
        <translation>将此邮件保存到您邮箱的文件夹中（下次同步时上传）</translation>
    </message>
    <message>
        <location filename="../../ui/app/open_targets.py" line="100"/>
        <source>Message file</source>
        <translation>邮件文件</translation>
    </message>
    <message>
        <location filename="../../ui/app/open_targets.py" line="100"/>
        <source>There is no mail folder to import into yet.</source>
        <translation>还没有可导入的邮件文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/app/open_targets.py" line="100"/>
        <source>{0} — imported into {1}</source>
        <translation>{0} — 已导入到 {1}</translation>
    </message>
    <message>
        <location filename="../../ui/app/open_targets.py" line="100"/>
        <source>Imported into {0}; it is uploaded at the next sync.</source>
        <translation>已导入到 {0}；下次同步时上传。</translation>
    </message>
    <message>
        <location filename="../../ui/app/open_targets.py" line="100"/>
        <source>Not imported: {0}</source>
        <translation>未导入：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/app/open_targets.py" line="100"/>
        <source>Import into</source>
        <translation>导入到</translation>
    </message>
    <message>
        <location filename="../../ui/app/open_targets.py" line="100"/>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
</context>
</TS>
