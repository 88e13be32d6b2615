<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>SpellControls</name>
    <message>
        <location filename="../../ui/composer/spelling.py" line="95" />
        <source>Spelling:</source>
        <translation>拼写：</translation>
    </message>
    <message>
        <location filename="../../ui/composer/spelling.py" line="98" />
        <source>The language the spelling is checked in</source>
        <translation>检查拼写所用的语言</translation>
    </message>
    <message>
        <location filename="../../ui/composer/spelling.py" line="99" />
        <source>Spelling language</source>
        <translation>拼写语言</translation>
    </message>
    <message>
        <location filename="../../ui/composer/spelling.py" line="226" />
        <source>(no suggestions)</source>
        <translation>（没有建议）</translation>
    </message>
    <message>
        <location filename="../../ui/composer/spelling.py" line="236" />
        <source>Add to dictionary</source>
        <translation>添加到词典</translation>
    </message>
    <message>
        <location filename="../../ui/composer/spelling.py" line="239" />
        <source>Ignore</source>
        <translation>忽略</translation>
    </message>
</context>
<context>
    <name>SpellSettingBox</name>
    <message>
        <location filename="../../ui/settings/spell_box.py" line="43" />
        <source>Check the spelling while typing (red wavy underline)</source>
        <translation>边输入边检查拼写（红色波浪下划线）</translation>
    </message>
</context>
</TS>
