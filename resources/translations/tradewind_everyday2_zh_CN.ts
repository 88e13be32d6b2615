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
<context>
    <name>ReplayNotes</name>
    <message>
        <location filename="../../ui/sync/replay_notes.py" line="1" />
        <source>… and {0} more.</source>
        <translation>……另有 {0} 条。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/replay_notes.py" line="1" />
        <source>Changes not made on the server</source>
        <translation>未能在服务器上完成的更改</translation>
    </message>
    <message>
        <location filename="../../ui/sync/replay_notes.py" line="1" />
        <source>Some changes you made could not be made on the server; on this computer they were undone, nothing is lost.</source>
        <translation>您所做的部分更改未能在服务器上完成；本机上已撤销这些更改，没有丢失任何内容。</translation>
    </message>
</context>
</TS>
