"""Why a server certificate was refused, in the rep's words (``client.i18n``).

``reason_in_words(failure)`` turns OpenSSL's verify result (``ssl.SSLCertVerificationError``
``verify_code``: expired, self-signed, unknown issuer, wrong host ...) into a short clause
("the certificate has expired") in the process's language; an unknown code keeps OpenSSL's
own English text in the clause. Pure; any thread; never raises.
"""

from __future__ import annotations

import ssl

from client.i18n import N_, _

# X509_V_ERR_* codes (openssl/x509_vfy.h) and what they mean for the rep
_BY_CODE: dict[int, str] = {
    2: N_("the certificate was issued by an authority this computer does not know"),
    7: N_("the certificate's signature is not valid"),
    9: N_("the certificate is not valid yet (check this computer's date and time)"),
    10: N_("the certificate has expired"),
    18: N_("the certificate is self-signed"),
    19: N_("the certificate chain contains a self-signed certificate this computer does not "
           "trust"),
    20: N_("the certificate was issued by an authority this computer does not know"),
    21: N_("the certificate cannot be verified (its issuer is missing)"),
    23: N_("the certificate has been revoked"),
    24: N_("the certificate was issued by an authority that may not issue certificates"),
    26: N_("the certificate is not meant for servers"),
    62: N_("the certificate was issued for another server name"),
    64: N_("the certificate was issued for another server address"),
}


def reason_in_words(failure: ssl.SSLCertVerificationError | BaseException) -> str:
    """The refusal as a clause in the current language (see the module docstring)."""
    code = getattr(failure, "verify_code", None)
    if isinstance(code, int) and code in _BY_CODE:
        return _(_BY_CODE[code])
    detail = str(getattr(failure, "verify_message", "") or getattr(failure, "reason", "")
                 or failure)
    return _("the certificate could not be verified ({detail})", detail=detail[:200])
