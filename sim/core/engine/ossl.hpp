// Owning pointers for the OpenSSL objects the engine creates, and one-line error text.
#pragma once

#include <memory>
#include <string>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace hl::ossl {

/// unique_ptr deleter that calls the OpenSSL free function FreeFn.
template <auto FreeFn>
struct Free {
  template <typename T>
  void operator()(T* object) const { FreeFn(object); }
};

/// Owning pointers: each frees its object with the matching OpenSSL *_free.
using PkeyPtr = std::unique_ptr<EVP_PKEY, Free<EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Free<X509_free>>;
using CrlPtr = std::unique_ptr<X509_CRL, Free<X509_CRL_free>>;
using SslCtxPtr = std::unique_ptr<SSL_CTX, Free<SSL_CTX_free>>;
using SslPtr = std::unique_ptr<SSL, Free<SSL_free>>;

/// The oldest error on this thread's OpenSSL error queue as one short phrase
/// ("certificate verify failed"), or `fallback` when the queue is empty. Clears the queue.
inline std::string take_error(const std::string& fallback) {
  unsigned long code = ERR_peek_error();
  std::string text = fallback;
  if (code != 0) {
    const char* reason = ERR_reason_error_string(code);
    text = reason ? reason : fallback;
  }
  ERR_clear_error();
  return text;
}

}  // namespace hl::ossl
