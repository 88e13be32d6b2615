"""PyInstaller runtime hook: give the bundled app a CA store where the OS's is out of reach.

Python's OpenSSL in a bundle looks for CA certificates where the *build* machine had them; on
macOS that path (a python.org or Homebrew OpenSSL folder) does not exist on a rep's Mac, and
OpenSSL cannot read the Keychain, so every server would look untrusted. When neither the
default CA file nor a non-empty CA folder exists and SSL_CERT_FILE is unset, this points
SSL_CERT_FILE at the bundled certifi bundle (Mozilla's roots). Windows adds its own store on
top (ssl.load_default_certs); Linux normally has /etc/ssl and is left alone.
"""

import os
import ssl


def _needs_bundle_ca() -> bool:
    if os.environ.get("SSL_CERT_FILE") or os.environ.get("SSL_CERT_DIR"):
        return False
    paths = ssl.get_default_verify_paths()
    if paths.cafile and os.path.isfile(paths.cafile):
        return False
    if paths.capath and os.path.isdir(paths.capath) and os.listdir(paths.capath):
        return False
    return True


if _needs_bundle_ca():
    try:
        import certifi

        os.environ["SSL_CERT_FILE"] = certifi.where()
    except ImportError:
        pass  # `Tradewind --selftest` reports the missing CA store
