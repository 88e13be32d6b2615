+++
name = "faq-moq"
lang = "en"
category = "faq-answer"
title = "MOQ and samples (company)"
subject = "Re: {{ inquiry.subject }} – MOQ and samples"
+++
<div lang="en">
<p>{% if buyer.name %}Dear {{ buyer.name }},{% else %}Dear Sir or Madam,{% endif %}</p>
<p>Thank you for your interest in our lighting products. Our minimum order quantity is 100 to 1,000 pieces depending on the model (see the price list); for a first order we can combine models to reach it.</p>
<p>Samples of standard models are free of charge; the buyer pays the express freight. They ship within 5 working days.</p>
<p>Kind regards,</p>
</div>
