+++
name = "follow-up"
lang = "ar"
category = "follow-up"
title = "متابعة"
subject = "متابعة عرض السعر{% if quote.number %} {{ quote.number }}{% endif %}{% if inquiry.subject %} – {{ inquiry.subject }}{% endif %}"
+++
<div dir="rtl" lang="ar" style="text-align:right">
<p>{% if buyer.gender == 'f' and buyer.last_name %}السيدة {{ buyer.last_name }} المحترمة،{% elif buyer.gender == 'm' and buyer.last_name %}السيد {{ buyer.last_name }} المحترم،{% elif buyer.name %}السيد/السيدة {{ buyer.name }} المحترم/ة،{% else %}السادة المحترمون،{% endif %}</p>
<p>أود متابعة عرض السعر{% if quote.number %} رقم {{ quote.number }}{% endif %} الذي أرسلناه إليكم{% if inquiry.date %} ردًا على استفساركم بتاريخ {{ inquiry.date|date }}{% endif %}، وأرجو أن تكونوا قد اطلعتم عليه.</p>
<p>إذا كانت لديكم أي أسئلة حول المواصفات أو الكميات أو الشروط، أو رغبتم في تعديل العرض، فيسعدني مساعدتكم.</p>
{% if quote.valid_until %}
<p>نود التنويه إلى أن عرضنا ساري المفعول حتى {{ quote.valid_until|date }}.</p>
{% endif %}
<p>في انتظار ردكم الكريم.</p>
<p>مع أطيب التحيات،</p>
</div>