<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>RiskBar</name>
    <message>
        <location filename="../../ui/reader/risk_bar.py" />
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../ui/reader/risk_bar.py" />
        <source>Known bank details…</source>
        <translation>已知银行信息…</translation>
    </message>
    <message>
        <location filename="../../ui/reader/risk_bar.py" />
        <source>Caution: possible payment fraud ({0}/100).</source>
        <translation>注意：可能是付款诈骗（{0}/100）。</translation>
    </message>
    <message>
        <location filename="../../ui/reader/risk_bar.py" />
        <source>(and {0} more: point here to see them)</source>
        <translation>（另有 {0} 条：指向此处查看）</translation>
    </message>
    <message>
        <location filename="../../ui/reader/risk_bar.py" />
        <source>Trust {0}: no more lookalike, first-time or Reply-To warnings for it</source>
        <translation>信任 {0}：不再对其发出仿冒域名、首次来信或回复地址的警告</translation>
    </message>
    <message>
        <location filename="../../ui/reader/risk_bar.py" />
        <source>Check this message before you act on it ({0}/100).</source>
        <translation>请先核实这封邮件再采取行动（{0}/100）。</translation>
    </message>
    <message>
        <location filename="../../ui/reader/risk_bar.py" />
        <source>This is really our buyer</source>
        <translation>这确实是我们的客户</translation>
    </message>
</context>
<context>
    <name>BankDetailsDialog</name>
    <message>
        <location filename="../../ui/reader/bank_details_dialog.py" />
        <source>Known bank details of {0}</source>
        <translation>{0} 的已知银行信息</translation>
    </message>
    <message>
        <location filename="../../ui/reader/bank_details_dialog.py" />
        <source>Confirmed for this company:</source>
        <translation>已为该公司确认：</translation>
    </message>
    <message>
        <location filename="../../ui/reader/bank_details_dialog.py" />
        <source>In this message:</source>
        <translation>本邮件中：</translation>
    </message>
    <message>
        <location filename="../../ui/reader/bank_details_dialog.py" />
        <source>Confirm new details only after you checked them by phone with a number you already have.</source>
        <translation>请先用您已有的电话号码打电话核实，再确认新的银行信息。</translation>
    </message>
    <message>
        <location filename="../../ui/reader/bank_details_dialog.py" />
        <source>Confirm the details of this message</source>
        <translation>确认本邮件中的银行信息</translation>
    </message>
    <message>
        <location filename="../../ui/reader/bank_details_dialog.py" />
        <source>Remove selected</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <location filename="../../ui/reader/bank_details_dialog.py" />
        <source>Account number</source>
        <translation>账号</translation>
    </message>
    <message>
        <location filename="../../ui/reader/bank_details_dialog.py" />
        <source>Beneficiary</source>
        <translation>收款人</translation>
    </message>
    <message>
        <location filename="../../ui/reader/bank_details_dialog.py" />
        <source>Value confirmed by phone</source>
        <translation>电话核实过的信息</translation>
    </message>
    <message>
        <location filename="../../ui/reader/bank_details_dialog.py" />
        <source>Add</source>
        <translation>添加</translation>
    </message>
</context>
<context>
    <name>RiskMarks</name>
    <message>
        <location filename="../../ui/models/risk_marks.py" />
        <source>High risk of payment fraud</source>
        <translation>付款诈骗风险高</translation>
    </message>
    <message>
        <location filename="../../ui/models/risk_marks.py" />
        <source>Check before acting: possible fraud</source>
        <translation>行动前请核实：可能是诈骗</translation>
    </message>
</context>
<context>
    <name>FraudHooks</name>
    <message>
        <location filename="../../ui/reader/fraud_hooks.py" />
        <source>Known bank details of the sender…</source>
        <translation>发件人的已知银行信息…</translation>
    </message>
</context>
<context>
    <name>RecipientRisk</name>
    <message>
        <location filename="../../ui/composer/recipient_risk.py" />
        <source>{0} is at a domain that imitates {1}, a company you correspond with.</source>
        <translation>{0} 所在的域名在模仿您的往来公司 {1}。</translation>
    </message>
    <message>
        <location filename="../../ui/composer/recipient_risk.py" />
        <source>This reply goes to {0}, not to {1} where the original came from.</source>
        <translation>这封回复将发往 {0}，而不是原邮件所来自的 {1}。</translation>
    </message>
    <message>
        <location filename="../../ui/composer/recipient_risk.py" />
        <source>Check the recipients</source>
        <translation>请核实收件人</translation>
    </message>
    <message>
        <location filename="../../ui/composer/recipient_risk.py" />
        <source>Fraudsters divert replies to look-alike addresses. Send anyway?</source>
        <translation>诈骗者会把回复转到相似的地址。仍要发送吗？</translation>
    </message>
    <message>
        <location filename="../../ui/composer/recipient_risk.py" />
        <source>Send anyway</source>
        <translation>仍然发送</translation>
    </message>
    <message>
        <location filename="../../ui/composer/recipient_risk.py" />
        <source>Back to the message</source>
        <translation>返回邮件</translation>
    </message>
</context>
</TS>
