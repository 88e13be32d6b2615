<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>BuyerTimeLabel</name>
    <message><source>Mon</source><translation>周一</translation></message>
    <message><source>Tue</source><translation>周二</translation></message>
    <message><source>Wed</source><translation>周三</translation></message>
    <message><source>Thu</source><translation>周四</translation></message>
    <message><source>Fri</source><translation>周五</translation></message>
    <message><source>Sat</source><translation>周六</translation></message>
    <message><source>Sun</source><translation>周日</translation></message>
    <message><source>Their time: {0} {1} ({2})</source><translation>对方时间：{0} {1} ({2})</translation></message>
    <message><source>outside working hours, public holiday: {0}</source><translation>非工作时间，公共假日：{0}</translation></message>
    <message><source>outside working hours, weekend</source><translation>非工作时间，周末</translation></message>
    <message><source>outside working hours</source><translation>非工作时间</translation></message>
    <message><source>{0}, {1}</source><translation>{0}，{1}</translation></message>
</context>
<context>
    <name>ChooseTimeDialog</name>
    <message><source>Send later</source><translation>稍后发送</translation></message>
</context>
<context>
    <name>SendLaterButton</name>
    <message><source>Send later</source><translation>稍后发送</translation></message>
    <message><source>At their 09:00</source><translation>在对方时间 09:00</translation></message>
    <message><source>Tomorrow at 09:00 (my time)</source><translation>明天 09:00（我的时间）</translation></message>
    <message><source>Choose a time…</source><translation>选择时间…</translation></message>
    <message><source>Will be sent at {0} your time (09:00 in {1}).</source><translation>将于您的时间 {0} 发送（{1} 的 09:00）。</translation></message>
    <message><source>Will be sent at {0}.</source><translation>将于 {0} 发送。</translation></message>
    <message><source>Give a recipient first.</source><translation>请先填写收件人。</translation></message>
    <message><source>The time zone of {0} is not known; choose a time instead.</source><translation>不知道 {0} 的时区；请改为选择时间。</translation></message>
    <message><source>Not scheduled: {0}</source><translation>未能定时：{0}</translation></message>
</context>
<context>
    <name>CustomersWindow</name>
    <message><source>Customers</source><translation>客户</translation></message>
    <message><source>Name</source><translation>名称</translation></message>
    <message><source>Kind</source><translation>类型</translation></message>
    <message><source>Country</source><translation>国家</translation></message>
    <message><source>Stage</source><translation>阶段</translation></message>
    <message><source>Merge</source><translation>合并</translation></message>
    <message><source>Lead</source><translation>线索</translation></message>
    <message><source>Prospect</source><translation>潜在客户</translation></message>
    <message><source>Customer</source><translation>客户</translation></message>
    <message><source>Lost</source><translation>已流失</translation></message>
    <message><source>Save</source><translation>保存</translation></message>
    <message><source>Company name:</source><translation>公司名称：</translation></message>
    <message><source>Country:</source><translation>国家：</translation></message>
    <message><source>Time zone:</source><translation>时区：</translation></message>
    <message><source>Stage:</source><translation>阶段：</translation></message>
    <message><source>Owner:</source><translation>负责人：</translation></message>
    <message><source>Phone:</source><translation>电话：</translation></message>
    <message><source>Notes:</source><translation>备注：</translation></message>
    <message><source>Threads</source><translation>会话</translation></message>
    <message><source>Quotes</source><translation>报价</translation></message>
    <message><source>Meetings</source><translation>会议</translation></message>
    <message><source>Company</source><translation>公司</translation></message>
    <message><source>Contact</source><translation>个人联系人</translation></message>
    <message><source>Its domain looks like another customer's: it may be an impostor. Check before merging.</source><translation>其域名与另一位客户的相似：可能是冒充者。合并前请核实。</translation></message>
    <message><source>May be the same buyer as another customer</source><translation>可能与另一位客户是同一买家</translation></message>
    <message><source>{0} customers; * may be duplicates.</source><translation>{0} 位客户；* 表示可能重复。</translation></message>
    <message><source>{0} customers.</source><translation>{0} 位客户。</translation></message>
    <message><source>{0} messages · first contact {1} · last from them {2} · last from you {3} · open quotes: {4}</source><translation>{0} 封邮件 · 首次联系 {1} · 对方最近来信 {2} · 您最近发信 {3} · 未结报价：{4}</translation></message>
    <message><source>(no subject)</source><translation>（无主题）</translation></message>
    <message><source>Saved {0}.</source><translation>已保存 {0}。</translation></message>
    <message><source>Merged into {0}.</source><translation>已合并到 {0}。</translation></message>
    <message><source>Not done: {0}</source><translation>未完成：{0}</translation></message>
</context>
<context>
    <name>CustomersActions</name>
    <message><source>Customers…</source><translation>客户…</translation></message>
    <message><source>Buyers built from your mail, with every thread, quote and meeting</source><translation>根据邮件整理的买家，含全部会话、报价和会议</translation></message>
</context>
<context>
    <name>ScheduledSender</name>
    <message><source>Scheduled message {0} sent.</source><translation>定时邮件 {0} 已发送。</translation></message>
    <message><source>Scheduled message {0} sent now, {1} min late: Tradewind was not running at its time.</source><translation>定时邮件 {0} 现已发送，晚了 {1} 分钟：预定时间时 Tradewind 未在运行。</translation></message>
</context>
<context>
    <name>MessageListModel</name>
    <message><source>Their time</source><translation>对方时间</translation></message>
</context>
<context>
    <name>TheirTimeColumn</name>
    <message><source>{0} {1}</source><translation>{0} {1}</translation></message>
    <message><source>{0}, off hours</source><translation>{0}，非工作时间</translation></message>
    <message><source>Their time column</source><translation>对方时间列</translation></message>
    <message><source>Show the buyer's local time beside each customer's message</source><translation>在每封客户邮件旁显示买家的当地时间</translation></message>
</context>
</TS>
