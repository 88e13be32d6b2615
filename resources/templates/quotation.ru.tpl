+++
name = "quotation"
lang = "ru"
category = "quotation"
title = "Коммерческое предложение"
subject = "Коммерческое предложение{% if quote.number %} {{ quote.number }}{% endif %}{% if inquiry.subject %} – {{ inquiry.subject }}{% endif %}"
+++
<div lang="ru">
<p>{% if buyer.gender == 'f' and buyer.last_name %}Уважаемая госпожа {{ buyer.last_name }}!{% elif buyer.gender == 'm' and buyer.last_name %}Уважаемый господин {{ buyer.last_name }}!{% elif buyer.name %}Здравствуйте, {{ buyer.name }}!{% else %}Добрый день!{% endif %}</p>
<p>Благодарим Вас за запрос{% if inquiry.subject %} «{{ inquiry.subject }}»{% endif %}. Рады направить Вам наше коммерческое предложение{% if quote.number %} № {{ quote.number }}{% endif %}:</p>
{% if quote.items %}
<table cellpadding="4" style="border-collapse:collapse;border:1px solid #ccc">
<tr><th align="left">Товар</th><th align="left">Характеристики</th><th align="right">Количество</th><th align="right">Цена за единицу</th><th align="right">Сумма</th></tr>
{% for item in quote.items %}
<tr><td>{{ item.product }}</td><td>{{ item.specification }}</td><td align="right">{{ item.quantity|number }} {{ item.unit }}</td><td align="right">{{ item.unit_price|money(quote.currency) }}</td><td align="right">{{ item.line_total|money(quote.currency) }}</td></tr>
{% endfor %}
<tr><td colspan="4" align="right"><b>Итого</b></td><td align="right"><b>{{ quote.total|money(quote.currency) }}</b></td></tr>
</table>
{% else %}
<p>Подробные цены указаны в приложенном коммерческом предложении.</p>
{% endif %}
<ul>
{% if quote.incoterm %}
<li>Условия поставки: {{ quote.incoterm }}{% if quote.place %} {{ quote.place }}{% endif %} (Incoterms® 2020)</li>
{% endif %}
{% if quote.payment_terms %}
<li>Условия оплаты: {{ quote.payment_terms }}</li>
{% endif %}
{% if quote.lead_time %}
<li>Срок поставки: {{ quote.lead_time }}</li>
{% endif %}
{% if quote.moq %}
<li>Минимальная партия: {{ quote.moq }}</li>
{% endif %}
</ul>
{% if quote.valid_until %}
<p>Предложение действительно до {{ quote.valid_until|date }} включительно.</p>
{% endif %}
{% if quote.remarks %}
<p>{{ quote.remarks }}</p>
{% endif %}
<p>Если у Вас возникнут вопросы, я с удовольствием на них отвечу. Надеемся на плодотворное сотрудничество.</p>
<p>С уважением,</p>
</div>
+++ text
{% if buyer.gender == 'f' and buyer.last_name %}Уважаемая госпожа {{ buyer.last_name }}!{% elif buyer.gender == 'm' and buyer.last_name %}Уважаемый господин {{ buyer.last_name }}!{% elif buyer.name %}Здравствуйте, {{ buyer.name }}!{% else %}Добрый день!{% endif +%}

Благодарим Вас за запрос{% if inquiry.subject %} «{{ inquiry.subject }}»{% endif %}. Рады направить Вам наше коммерческое предложение{% if quote.number %} № {{ quote.number }}{% endif %}:

{% if quote.items %}
{% for item in quote.items %}
{{ loop.index }}. {{ item.product }}{% if item.specification %} – {{ item.specification }}{% endif +%}
   Количество: {{ item.quantity|number }} {{ item.unit }} × {{ item.unit_price|money(quote.currency) }} = {{ item.line_total|money(quote.currency) }}
{% endfor %}
Итого: {{ quote.total|money(quote.currency) }}
{% else %}
Подробные цены указаны в приложенном коммерческом предложении.
{% endif %}

{% if quote.incoterm %}
- Условия поставки: {{ quote.incoterm }}{% if quote.place %} {{ quote.place }}{% endif %} (Incoterms® 2020)
{% endif %}
{% if quote.payment_terms %}
- Условия оплаты: {{ quote.payment_terms }}
{% endif %}
{% if quote.lead_time %}
- Срок поставки: {{ quote.lead_time }}
{% endif %}
{% if quote.moq %}
- Минимальная партия: {{ quote.moq }}
{% endif %}

{% if quote.valid_until %}
Предложение действительно до {{ quote.valid_until|date }} включительно.
{% endif %}
{% if quote.remarks %}
{{ quote.remarks }}
{% endif %}

Если у Вас возникнут вопросы, я с удовольствием на них отвечу. Надеемся на плодотворное сотрудничество.

С уважением,
