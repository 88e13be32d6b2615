<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>FolderPicker</name>
    <message>
        <location filename="../../ui/triage/folder_picker.py" line="55" />
        <source>Type to filter folders</source>
        <translation>输入文字筛选文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/triage/folder_picker.py" line="58" />
        <source>No folder matches.</source>
        <translation>没有匹配的文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/triage/folder_picker.py" line="97" />
        <source>Recent folders</source>
        <translation>最近使用的文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/triage/folder_picker.py" line="101" />
        <source>All folders</source>
        <translation>所有文件夹</translation>
    </message>
</context>
<context>
    <name>TriageController</name>
    <message>
        <location filename="../../ui/triage/controller.py" line="83" />
        <source>Move to…</source>
        <extracomment>the account's password or token for creating the archive folder (worker thread)</extracomment>
        <translation>移动到…</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="84" />
        <source>Move the selected messages to another folder</source>
        <translation>将所选邮件移动到其他文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="86" />
        <source>Copy to…</source>
        <translation>复制到…</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="87" />
        <source>Copy the selected messages into another folder</source>
        <translation>将所选邮件复制到其他文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="89" />
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="90" />
        <source>Move the selected messages to the account's archive folder</source>
        <translation>将所选邮件移到该账户的归档文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="92" />
        <source>Delete for good…</source>
        <translation>永久删除…</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="93" />
        <source>Delete the selected messages without moving them to Trash</source>
        <translation>直接删除所选邮件，不移到废纸篓</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="95" />
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="96" />
        <source>Undo the last move, delete or flag change</source>
        <translation>撤销上一次移动、删除或标记更改</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="99" />
        <source>Move the selected messages to Trash</source>
        <translation>将所选邮件移到废纸篓</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="109" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="144" />
        <source>Select a message first.</source>
        <translation>请先选择一封邮件。</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="162" />
        <source>Messages can only be filed in a folder of their own account.</source>
        <translation>邮件只能放入其所属账户的文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="176" />
        <source>Copy to folder</source>
        <translation>复制到文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="176" />
        <source>Move to folder</source>
        <translation>移动到文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="196" />
        <source>Copied {0} message(s) to “{1}”.</source>
        <translation>已将 {0} 封邮件复制到“{1}”。</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="200" />
        <source>Moved {0} message(s) to “{1}”.</source>
        <translation>已将 {0} 封邮件移动到“{1}”。</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="217" />
        <source>These messages are in the archive already.</source>
        <translation>这些邮件已在归档中。</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="222" />
        <source>Archived {0} message(s).</source>
        <translation>已归档 {0} 封邮件。</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="225" />
        <source>Create an archive folder?</source>
        <translation>创建归档文件夹？</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="226" />
        <source>The account {0} has no archive folder. Create “{1}” on the server and archive the selected messages there?</source>
        <translation>账户 {0} 没有归档文件夹。要在服务器上创建“{1}”并将所选邮件归档到其中吗？</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="229" />
        <source>Create and archive</source>
        <translation>创建并归档</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="234" />
        <source>Creating the archive folder on the server…</source>
        <translation>正在服务器上创建归档文件夹…</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="240" />
        <source>Created “{0}” and archived {1} message(s).</source>
        <translation>已创建“{0}”并归档 {1} 封邮件。</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="245" />
        <source>The archive folder could not be created, nothing was moved: {0}</source>
        <translation>无法创建归档文件夹，没有移动任何邮件：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="264" />
        <source>Delete for good?</source>
        <translation>永久删除？</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="265" />
        <source>Delete {0} message(s) for good? They do not go to Trash; once the server has removed them they cannot be brought back.</source>
        <translation>要永久删除 {0} 封邮件吗？它们不会进入废纸篓；服务器删除后将无法恢复。</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="267" />
        <source>Delete for good</source>
        <translation>永久删除</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="277" />
        <source>Deleted {0} message(s) for good.</source>
        <translation>已永久删除 {0} 封邮件。</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="278" />
        <source>Moved {0} message(s) to Trash.</source>
        <translation>已将 {0} 封邮件移到废纸篓。</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="294" />
        <source>Marked {0} message(s) read.</source>
        <translation>已将 {0} 封邮件标为已读。</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="295" />
        <source>Marked {0} message(s) unread.</source>
        <translation>已将 {0} 封邮件标为未读。</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="296" />
        <source>Flagged {0} message(s).</source>
        <translation>已为 {0} 封邮件加旗标。</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="297" />
        <source>Unflagged {0} message(s).</source>
        <translation>已取消 {0} 封邮件的旗标。</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="312" />
        <source>Nothing to undo.</source>
        <translation>没有可撤销的操作。</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="314" />
        <source>Undone: the move of {0} message(s).</source>
        <translation>已撤销：{0} 封邮件的移动。</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="315" />
        <source>Undone: the archiving of {0} message(s).</source>
        <translation>已撤销：{0} 封邮件的归档。</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="316" />
        <source>Undone: the deletion of {0} message(s).</source>
        <translation>已撤销：{0} 封邮件的删除。</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="317" />
        <source>Undone: the deletion for good of {0} message(s).</source>
        <translation>已撤销：{0} 封邮件的永久删除。</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="318" />
        <source>Undone: the copy of {0} message(s).</source>
        <translation>已撤销：{0} 封邮件的复制。</translation>
    </message>
    <message>
        <location filename="../../ui/triage/controller.py" line="319" />
        <source>Undone: the flag change of {0} message(s).</source>
        <translation>已撤销：{0} 封邮件的标记更改。</translation>
    </message>
</context>
<context>
    <name>UndoBar</name>
    <message>
        <location filename="../../ui/triage/undo_bar.py" line="31" />
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../ui/triage/undo_bar.py" line="35" />
        <source>Hide this notice</source>
        <translation>隐藏此提示</translation>
    </message>
</context>
</TS>