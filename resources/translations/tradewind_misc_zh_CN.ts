<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountWizard</name>
    <message>
        <location filename="../../ui/wizard/dialog.py" />
        <source>The outgoing server's certificate is not trusted by this computer. Trust it only if your IT department confirms this exact fingerprint; Tradewind will then accept this certificate, and no other, for sending from this account.</source>
        <translation>此电脑不信任发件服务器的证书。只有在 IT 部门确认这个指纹完全一致时才信任它；之后 Tradewind 在用此账户发信时只接受这一个证书，不接受其他证书。</translation>
    </message>
</context>
</TS>
