#include "core/crypto/pkey.hpp"

#include <openssl/err.h>
#include <openssl/x509.h>

namespace hl::crypto {

PkeyPtr load_private_key(ByteView der, std::string& out_error) {
  const unsigned char* at = der.data();
  PkeyPtr key(d2i_AutoPrivateKey(nullptr, &at, static_cast<long>(der.size())));
  ERR_clear_error();
  if (!key) {
    out_error = "OpenSSL cannot read the private key's DER";
    return nullptr;
  }
  if (at != der.data() + der.size()) {
    out_error = "the private key's DER has trailing bytes";
    return nullptr;
  }
  return key;
}

}  // namespace hl::crypto
