<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>CacheRepair</name>
    <message>
        <location filename="../../ui/app/cache_repair.py" line="193" />
        <source>The mail cache is damaged and was left as it is. Run `tradewind cache rebuild`, or start Tradewind again and choose Rebuild.</source>
        <translation>邮件缓存已损坏，未做任何改动。请运行 `tradewind cache rebuild`，或重新启动 Tradewind 并选择“重建”。</translation>
    </message>
</context>
<context>
    <name>CacheRepairDialog</name>
    <message>
        <location filename="../../ui/app/cache_repair.py" line="71" />
        <source>Tradewind: the mail cache is damaged</source>
        <translation>Tradewind：邮件缓存已损坏</translation>
    </message>
    <message>
        <location filename="../../ui/app/cache_repair.py" line="73" />
        <source>Tradewind's local copy of your mail ({0}) is damaged: {1}.

Your mail is safe on the server. Rebuild keeps your drafts, outbox, queued changes, identities and settings, moves the damaged file aside (nothing is deleted) and fetches your mail again. Quit leaves everything as it is.</source>
        <translation>Tradewind 保存在本机的邮件副本（{0}）已损坏：{1}。

您的邮件在服务器上是安全的。“重建”会保留您的草稿、发件箱、待同步的更改、发件身份和设置，把损坏的文件移到一旁（不删除任何内容），然后重新获取您的邮件。“退出”则不做任何改动。</translation>
    </message>
    <message>
        <location filename="../../ui/app/cache_repair.py" line="80" />
        <source>Rebuild</source>
        <translation>重建</translation>
    </message>
    <message>
        <location filename="../../ui/app/cache_repair.py" line="81" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../ui/app/cache_repair.py" line="82" />
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../ui/app/cache_repair.py" line="99" />
        <source>Saving your local work and rebuilding the cache…</source>
        <translation>正在保存您的本地数据并重建缓存…</translation>
    </message>
    <message>
        <location filename="../../ui/app/cache_repair.py" line="106" />
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <location filename="../../ui/app/cache_repair.py" line="106" />
        <source>Folders</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/app/cache_repair.py" line="107" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/app/cache_repair.py" line="107" />
        <source>Identities</source>
        <translation>发件身份</translation>
    </message>
    <message>
        <location filename="../../ui/app/cache_repair.py" line="108" />
        <source>Local copies of messages</source>
        <translation>邮件的本地副本</translation>
    </message>
    <message>
        <location filename="../../ui/app/cache_repair.py" line="109" />
        <source>Queued changes</source>
        <translation>待同步的更改</translation>
    </message>
    <message>
        <location filename="../../ui/app/cache_repair.py" line="109" />
        <source>Outbox messages</source>
        <translation>发件箱中的邮件</translation>
    </message>
    <message>
        <location filename="../../ui/app/cache_repair.py" line="110" />
        <source>Drafts</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../ui/app/cache_repair.py" line="118" />
        <source>  (nothing was stored only here)</source>
        <translation>  （没有仅保存在本机的数据）</translation>
    </message>
    <message>
        <location filename="../../ui/app/cache_repair.py" line="120" />
        <source>The cache was rebuilt. Put back into the new cache:
{0}

The old file was kept as {1}. Your mail is fetched again from the server now.</source>
        <translation>缓存已重建。已放回新缓存的内容：
{0}

旧文件已保留为 {1}。现在将从服务器重新获取您的邮件。</translation>
    </message>
    <message>
        <location filename="../../ui/app/cache_repair.py" line="124" />
        <source>A copy of your local work is in {0}.</source>
        <translation>您的本地数据另有一份副本保存在 {0}。</translation>
    </message>
    <message>
        <location filename="../../ui/app/cache_repair.py" line="131" />
        <source>Some items could not be read from the damaged file and are not in the new cache:
{0}</source>
        <translation>以下项目无法从损坏的文件中读取，未包含在新缓存中：
{0}</translation>
    </message>
    <message>
        <location filename="../../ui/app/cache_repair.py" line="143" />
        <source>another Tradewind or `tradewind sync` is using this profile; close it first</source>
        <translation>另一个 Tradewind 或 `tradewind sync` 正在使用此配置文件，请先关闭它</translation>
    </message>
    <message>
        <location filename="../../ui/app/cache_repair.py" line="148" />
        <source>The cache could not be rebuilt: {0}.

Nothing was deleted. You can try again or quit.</source>
        <translation>无法重建缓存：{0}。

没有删除任何内容。您可以重试或退出。</translation>
    </message>
</context>
<context>
    <name>DamageWatcher</name>
    <message>
        <location filename="../../ui/app/cache_repair.py" line="222" />
        <source>Tradewind: the mail cache is damaged</source>
        <translation>Tradewind：邮件缓存已损坏</translation>
    </message>
    <message>
        <location filename="../../ui/app/cache_repair.py" line="224" />
        <source>Tradewind found a damaged part in its local copy of your mail ({0}): {1}.

Some messages may not show or update. Your mail is safe on the server and your drafts and outbox are kept. Quit Tradewind and start it again: it will offer to rebuild the cache.</source>
        <translation>Tradewind 在本机的邮件副本（{0}）中发现了损坏的部分：{1}。

部分邮件可能无法显示或更新。您的邮件在服务器上是安全的，草稿和发件箱也会保留。请退出 Tradewind 并重新启动：它会提示您重建缓存。</translation>
    </message>
    </context>
</TS>