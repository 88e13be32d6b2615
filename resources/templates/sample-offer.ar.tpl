+++
name = "sample-offer"
lang = "ar"
category = "sample-offer"
title = "عرض عينات"
subject = "عرض عينات{% if inquiry.subject %} – {{ inquiry.subject }}{% endif %}"
+++
<div dir="rtl" lang="ar" style="text-align:right">
<p>{% if buyer.gender == 'f' and buyer.last_name %}السيدة {{ buyer.last_name }} المحترمة،{% elif buyer.gender == 'm' and buyer.last_name %}السيد {{ buyer.last_name }} المحترم،{% elif buyer.name %}السيد/السيدة {{ buyer.name }} المحترم/ة،{% else %}السادة المحترمون،{% endif %}</p>
<p>نشكركم على اهتمامكم بمنتجاتنا. وحتى تتمكنوا من تقييم جودتها بأنفسكم، يسعدنا أن نرسل إليكم عينات{% if quote.items %} من المنتجات التالية{% endif %}.</p>
{% if quote.items %}
<ul>
{% for item in quote.items %}
<li>{{ item.product }}{% if item.specification %} ({{ item.specification }}){% endif %}</li>
{% endfor %}
</ul>
{% endif %}
<p>نرجو تأكيد عنوان التسليم{% if buyer.company %} لشركة {{ buyer.company }}{% endif %}، ورقم حسابكم لدى شركة الشحن السريع (DHL أو FedEx أو UPS) إن وُجد، حتى نتمكن من إرسال العينات في أقرب وقت.</p>
{% if quote.lead_time %}
<p>يمكن إرسال العينات خلال {{ quote.lead_time }}.</p>
{% endif %}
<p>نتطلع إلى معرفة رأيكم.</p>
<p>مع أطيب التحيات،</p>
</div>