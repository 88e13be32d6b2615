+++
name = "faq-moq"
lang = "zh"
category = "faq-answer"
title = "起订量与样品（公司）"
subject = "回复：{{ inquiry.subject }} – 起订量与样品"
+++
<div lang="zh">
<p>{% if buyer.name %}{{ buyer.name }}，您好：{% else %}您好：{% endif %}</p>
<p>感谢您对我司照明产品的关注。各型号的最小起订量为 100 至 1,000 件（详见价目表）；首单可以多个型号合并起订。</p>
<p>标准型号样品免费提供，快递费由买方承担，5 个工作日内发出。</p>
<p>此致<br>敬礼</p>
</div>
