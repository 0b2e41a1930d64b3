// The decoder's cipher-suite table was typed by hand: check every suite OpenSSL knows
// against OpenSSL's own standard (IANA) names, code point by code point.
#include <catch2/catch.hpp>

#include <memory>
#include <openssl/ssl.h>
#include <string>

#include "core/wire/names.hpp"

TEST_CASE("every cipher suite OpenSSL knows has the same IANA name in our table") {
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_method()), SSL_CTX_free);
  REQUIRE(ctx);
  REQUIRE(SSL_CTX_set_cipher_list(ctx.get(), "ALL:COMPLEMENTOFALL:@SECLEVEL=0") == 1);
  std::unique_ptr<SSL, decltype(&SSL_free)> ssl(SSL_new(ctx.get()), SSL_free);
  REQUIRE(ssl);
  STACK_OF(SSL_CIPHER)* ciphers = SSL_get_ciphers(ssl.get());
  const int num_ciphers = sk_SSL_CIPHER_num(ciphers);
  REQUIRE(num_ciphers > 50);
  for (int i = 0; i < num_ciphers; ++i) {
    const SSL_CIPHER* cipher = sk_SSL_CIPHER_value(ciphers, i);
    const std::uint16_t code = SSL_CIPHER_get_protocol_id(cipher);
    const char* ours = hl::wire::cipher_suite_name(code);
    INFO("code point 0x" << std::hex << code);
    REQUIRE(ours != nullptr);
    CHECK(std::string(ours) == SSL_CIPHER_standard_name(cipher));
  }
}
