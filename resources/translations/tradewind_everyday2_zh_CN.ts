<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>ReaderWindow</name>
    <message>
        <location filename="../../ui/everyday/reader_window.py" line="1" />
        <source>Cannot print this message: {0}</source>
        <translation>无法打印此邮件：{0}</translation>
    </message>
</context>
<context>
    <name>TriageController</name>
    <message>
        <location filename="../../ui/triage/controller.py" line="1" />
        <source>Archived {1} message(s) in “{0}”; the folder is created on the server at the next sync.</source>
        <translation>已将 {1} 封邮件归档到“{0}”；该文件夹将在下次同步时在服务器上创建。</translation>
    </message>
</context>
<context>
    <name>FolderTreeModel</name>
    <message>
        <location filename="../../ui/models/folder_tree.py" line="1" />
        <source>{0} (pending)</source>
        <translation>{0}（待创建）</translation>
    </message>
    <message>
        <location filename="../../ui/models/folder_tree.py" line="1" />
        <source>{0}: created on the server at the next sync</source>
        <translation>{0}：将在下次同步时在服务器上创建</translation>
    </message>
</context>
</TS>
