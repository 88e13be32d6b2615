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
</TS>
