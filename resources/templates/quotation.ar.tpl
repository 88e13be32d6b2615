+++
name = "quotation"
lang = "ar"
category = "quotation"
title = "عرض سعر"
subject = "عرض سعر{% if quote.number %} {{ quote.number }}{% endif %}{% if inquiry.subject %} – {{ inquiry.subject }}{% endif %}"
+++
<div dir="rtl" lang="ar" style="text-align:right">
<p>{% if buyer.gender == 'f' and buyer.last_name %}السيدة {{ buyer.last_name }} المحترمة،{% elif buyer.gender == 'm' and buyer.last_name %}السيد {{ buyer.last_name }} المحترم،{% elif buyer.name %}السيد/السيدة {{ buyer.name }} المحترم/ة،{% else %}السادة المحترمون،{% endif %}</p>
<p>نشكركم على استفساركم{% if inquiry.subject %} بخصوص «{{ inquiry.subject }}»{% endif %}، ويسعدنا أن نقدم لكم عرض السعر{% if quote.number %} رقم {{ quote.number }}{% endif %} على النحو التالي:</p>
{% if quote.items %}
<table cellpadding="4" style="border-collapse:collapse;border:1px solid #ccc">
<tr><th align="right">المنتج</th><th align="right">المواصفات</th><th align="left">الكمية</th><th align="left">سعر الوحدة</th><th align="left">المبلغ</th></tr>
{% for item in quote.items %}
<tr><td>{{ item.product }}</td><td>{{ item.specification }}</td><td align="left">{{ item.quantity|number }} {{ item.unit }}</td><td align="left">{{ item.unit_price|money(quote.currency) }}</td><td align="left">{{ item.line_total|money(quote.currency) }}</td></tr>
{% endfor %}
<tr><td colspan="4" align="left"><b>الإجمالي</b></td><td align="left"><b>{{ quote.total|money(quote.currency) }}</b></td></tr>
</table>
{% else %}
<p>تجدون الأسعار التفصيلية في عرض السعر المرفق.</p>
{% endif %}
<ul>
{% if quote.incoterm %}
<li>شروط التسليم: {{ quote.incoterm }}{% if quote.place %} {{ quote.place }}{% endif %} (Incoterms® 2020)</li>
{% endif %}
{% if quote.payment_terms %}
<li>شروط الدفع: {{ quote.payment_terms }}</li>
{% endif %}
{% if quote.lead_time %}
<li>مدة التوريد: {{ quote.lead_time }}</li>
{% endif %}
{% if quote.moq %}
<li>الحد الأدنى للطلب: {{ quote.moq }}</li>
{% endif %}
</ul>
{% if quote.valid_until %}
<p>هذا العرض ساري المفعول حتى {{ quote.valid_until|date }}.</p>
{% endif %}
{% if quote.remarks %}
<p>{{ quote.remarks }}</p>
{% endif %}
<p>يسعدني الرد على أي استفسار لديكم، ونتطلع إلى استلام طلبكم.</p>
<p>مع أطيب التحيات،</p>
</div>
+++ text
{% if buyer.gender == 'f' and buyer.last_name %}السيدة {{ buyer.last_name }} المحترمة،{% elif buyer.gender == 'm' and buyer.last_name %}السيد {{ buyer.last_name }} المحترم،{% elif buyer.name %}السيد/السيدة {{ buyer.name }} المحترم/ة،{% else %}السادة المحترمون،{% endif +%}

نشكركم على استفساركم{% if inquiry.subject %} بخصوص «{{ inquiry.subject }}»{% endif %}، ويسعدنا أن نقدم لكم عرض السعر{% if quote.number %} رقم {{ quote.number }}{% endif %} على النحو التالي:

{% if quote.items %}
{% for item in quote.items %}
{{ loop.index }}. {{ item.product }}{% if item.specification %} – {{ item.specification }}{% endif +%}
   الكمية: {{ item.quantity|number }} {{ item.unit }} × {{ item.unit_price|money(quote.currency) }} = {{ item.line_total|money(quote.currency) }}
{% endfor %}
الإجمالي: {{ quote.total|money(quote.currency) }}
{% else %}
تجدون الأسعار التفصيلية في عرض السعر المرفق.
{% endif %}

{% if quote.incoterm %}
- شروط التسليم: {{ quote.incoterm }}{% if quote.place %} {{ quote.place }}{% endif %} (Incoterms® 2020)
{% endif %}
{% if quote.payment_terms %}
- شروط الدفع: {{ quote.payment_terms }}
{% endif %}
{% if quote.lead_time %}
- مدة التوريد: {{ quote.lead_time }}
{% endif %}
{% if quote.moq %}
- الحد الأدنى للطلب: {{ quote.moq }}
{% endif %}

{% if quote.valid_until %}
هذا العرض ساري المفعول حتى {{ quote.valid_until|date }}.
{% endif %}
{% if quote.remarks %}
{{ quote.remarks }}
{% endif %}

يسعدني الرد على أي استفسار لديكم، ونتطلع إلى استلام طلبكم.

مع أطيب التحيات،
