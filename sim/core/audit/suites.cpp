#include "core/audit/suites.hpp"

#include <memory>
#include <string_view>

namespace hl::audit {
namespace {

struct CtxFree {
  void operator()(SSL_CTX* ctx) const { SSL_CTX_free(ctx); }
};

}  // namespace

std::string tls12_suites_where(const std::string& list, const std::function<bool(const SSL_CIPHER*)>& keep) {
  std::unique_ptr<SSL_CTX, CtxFree> ctx(SSL_CTX_new(TLS_server_method()));
  if (!ctx || !SSL_CTX_set_cipher_list(ctx.get(), list.c_str())) return {};
  std::string out;
  STACK_OF(SSL_CIPHER)* ciphers = SSL_CTX_get_ciphers(ctx.get());
  for (int i = 0; i < sk_SSL_CIPHER_num(ciphers); ++i) {
    const SSL_CIPHER* cipher = sk_SSL_CIPHER_value(ciphers, i);
    if (std::string_view(SSL_CIPHER_get_version(cipher)) == "TLSv1.3" || !keep(cipher)) continue;
    out += (out.empty() ? "" : ":") + std::string(SSL_CIPHER_get_name(cipher));
  }
  return out;
}

bool is_cbc(const SSL_CIPHER* cipher) {
  return !SSL_CIPHER_is_aead(cipher) && SSL_CIPHER_get_cipher_nid(cipher) != NID_undef;
}

bool is_static_rsa(const SSL_CIPHER* cipher) { return SSL_CIPHER_get_kx_nid(cipher) == NID_kx_rsa; }

}  // namespace hl::audit
