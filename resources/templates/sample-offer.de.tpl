+++
name = "sample-offer"
lang = "de"
category = "sample-offer"
title = "Musterangebot"
subject = "Muster{% if inquiry.subject %} – {{ inquiry.subject }}{% endif %}"
+++
<div lang="de">
<p>{% if buyer.gender == 'f' and buyer.last_name %}Sehr geehrte Frau {{ buyer.last_name }},{% elif buyer.gender == 'm' and buyer.last_name %}Sehr geehrter Herr {{ buyer.last_name }},{% elif buyer.name %}Guten Tag {{ buyer.name }},{% else %}Sehr geehrte Damen und Herren,{% endif %}</p>
<p>vielen Dank für Ihr Interesse an unseren Produkten. Damit Sie sich selbst von unserer Qualität überzeugen können, senden wir Ihnen gerne Muster{% if quote.items %} der folgenden Artikel{% endif %} zu.</p>
{% if quote.items %}
<ul>
{% for item in quote.items %}
<li>{{ item.product }}{% if item.specification %} ({{ item.specification }}){% endif %}</li>
{% endfor %}
</ul>
{% endif %}
<p>Bitte bestätigen Sie uns die Lieferanschrift{% if buyer.company %} ({{ buyer.company }}){% endif %} und, falls vorhanden, Ihre Kundennummer bei einem Kurierdienst (DHL, FedEx oder UPS), damit wir die Muster umgehend versenden können.</p>
{% if quote.lead_time %}
<p>Die Muster können innerhalb von {{ quote.lead_time }} versandt werden.</p>
{% endif %}
<p>Wir freuen uns auf Ihre Rückmeldung.</p>
<p>Mit freundlichen Grüßen</p>
</div>