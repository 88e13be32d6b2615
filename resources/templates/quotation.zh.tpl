+++
name = "quotation"
lang = "zh"
category = "quotation"
title = "报价"
subject = "报价单{% if quote.number %} {{ quote.number }}{% endif %}{% if inquiry.subject %} – {{ inquiry.subject }}{% endif %}"
+++
<div lang="zh">
<p>{% if buyer.gender == 'f' and buyer.last_name %}尊敬的{{ buyer.last_name }}女士：{% elif buyer.gender == 'm' and buyer.last_name %}尊敬的{{ buyer.last_name }}先生：{% elif buyer.name %}尊敬的{{ buyer.name }}：{% else %}尊敬的客户：{% endif %}</p>
<p>感谢您{% if inquiry.subject %}就“{{ inquiry.subject }}”{% endif %}的询价。现将我司报价{% if quote.number %}（编号 {{ quote.number }}）{% endif %}奉上，详情如下：</p>
{% if quote.items %}
<table cellpadding="4" style="border-collapse:collapse;border:1px solid #ccc">
<tr><th align="left">产品</th><th align="left">规格</th><th align="right">数量</th><th align="right">单价</th><th align="right">金额</th></tr>
{% for item in quote.items %}
<tr><td>{{ item.product }}</td><td>{{ item.specification }}</td><td align="right">{{ item.quantity|number }} {{ item.unit }}</td><td align="right">{{ item.unit_price|money(quote.currency) }}</td><td align="right">{{ item.line_total|money(quote.currency) }}</td></tr>
{% endfor %}
<tr><td colspan="4" align="right"><b>合计</b></td><td align="right"><b>{{ quote.total|money(quote.currency) }}</b></td></tr>
</table>
{% else %}
<p>详细价格请见附件报价单。</p>
{% endif %}
<ul>
{% if quote.incoterm %}
<li>交货条款：{{ quote.incoterm }}{% if quote.place %} {{ quote.place }}{% endif %} (Incoterms® 2020)</li>
{% endif %}
{% if quote.payment_terms %}
<li>付款方式：{{ quote.payment_terms }}</li>
{% endif %}
{% if quote.lead_time %}
<li>交货期：{{ quote.lead_time }}</li>
{% endif %}
{% if quote.moq %}
<li>最小起订量：{{ quote.moq }}</li>
{% endif %}
</ul>
{% if quote.valid_until %}
<p>本报价有效期至{{ quote.valid_until|date }}。</p>
{% endif %}
{% if quote.remarks %}
<p>{{ quote.remarks }}</p>
{% endif %}
<p>如有任何疑问，欢迎随时与我联系。期待您的订单。</p>
<p>顺祝商祺！</p>
</div>
+++ text
{% if buyer.gender == 'f' and buyer.last_name %}尊敬的{{ buyer.last_name }}女士：{% elif buyer.gender == 'm' and buyer.last_name %}尊敬的{{ buyer.last_name }}先生：{% elif buyer.name %}尊敬的{{ buyer.name }}：{% else %}尊敬的客户：{% endif +%}

感谢您{% if inquiry.subject %}就“{{ inquiry.subject }}”{% endif %}的询价。现将我司报价{% if quote.number %}（编号 {{ quote.number }}）{% endif %}奉上，详情如下：

{% if quote.items %}
{% for item in quote.items %}
{{ loop.index }}. {{ item.product }}{% if item.specification %} – {{ item.specification }}{% endif +%}
   数量：{{ item.quantity|number }} {{ item.unit }} × {{ item.unit_price|money(quote.currency) }} = {{ item.line_total|money(quote.currency) }}
{% endfor %}
合计：{{ quote.total|money(quote.currency) }}
{% else %}
详细价格请见附件报价单。
{% endif %}

{% if quote.incoterm %}
- 交货条款：{{ quote.incoterm }}{% if quote.place %} {{ quote.place }}{% endif %} (Incoterms® 2020)
{% endif %}
{% if quote.payment_terms %}
- 付款方式：{{ quote.payment_terms }}
{% endif %}
{% if quote.lead_time %}
- 交货期：{{ quote.lead_time }}
{% endif %}
{% if quote.moq %}
- 最小起订量：{{ quote.moq }}
{% endif %}

{% if quote.valid_until %}
本报价有效期至{{ quote.valid_until|date }}。
{% endif %}
{% if quote.remarks %}
{{ quote.remarks }}
{% endif %}

如有任何疑问，欢迎随时与我联系。期待您的订单。

顺祝商祺！
