#include "core/crypto/pkey.hpp"

#include <map>
#include <memory>
#include <string>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/obj_mac.h>
#include <openssl/objects.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>

namespace hl::crypto {

bool refused(std::string& out_error, std::string sentence) {
  ERR_clear_error();
  out_error = std::move(sentence);
  return false;
}

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

std::string group_name(EVP_PKEY* key) {
  char name[80] = {};
  std::size_t name_len = 0;
  if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof name, &name_len) == 1)
    return std::string(name, name_len);
  ERR_clear_error();
  const char* type = EVP_PKEY_get0_type_name(key);  // X25519 and X448 are their own group
  return type != nullptr && (EVP_PKEY_is_a(key, "X25519") || EVP_PKEY_is_a(key, "X448")) ? type : "";
}

namespace {

struct BnFree {
  void operator()(BIGNUM* n) const { BN_clear_free(n); }
};
using BnPtr = std::unique_ptr<BIGNUM, BnFree>;
struct ParamBldFree {
  void operator()(OSSL_PARAM_BLD* b) const { OSSL_PARAM_BLD_free(b); }
};
struct ParamsFree {
  void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};
using ParamsPtr = std::unique_ptr<OSSL_PARAM, ParamsFree>;
struct EcGroupFree {
  void operator()(EC_GROUP* g) const { EC_GROUP_free(g); }
};
struct EcPointFree {
  void operator()(EC_POINT* p) const { EC_POINT_free(p); }
};

// Group name, private value and public value as the OSSL_PARAMs EVP_PKEY_fromdata takes;
// the public value is an octet string for EC, a number for DH.
ParamsPtr key_params(const std::string& group, const BIGNUM* priv, ByteView ec_public, const BIGNUM* dh_public) {
  std::unique_ptr<OSSL_PARAM_BLD, ParamBldFree> build(OSSL_PARAM_BLD_new());
  if (!build || OSSL_PARAM_BLD_push_utf8_string(build.get(), OSSL_PKEY_PARAM_GROUP_NAME, group.c_str(), 0) != 1) return nullptr;
  if (priv != nullptr && OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_PRIV_KEY, priv) != 1) return nullptr;
  if (!ec_public.empty() &&
      OSSL_PARAM_BLD_push_octet_string(build.get(), OSSL_PKEY_PARAM_PUB_KEY, ec_public.data(), ec_public.size()) != 1)
    return nullptr;
  if (dh_public != nullptr && OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_PUB_KEY, dh_public) != 1) return nullptr;
  return ParamsPtr(OSSL_PARAM_BLD_to_param(build.get()));
}

PkeyPtr from_params(const char* type, int selection, OSSL_PARAM* params) {
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* key = nullptr;
  if (!ctx || params == nullptr || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
      EVP_PKEY_fromdata(ctx.get(), &key, selection, params) <= 0)
    return nullptr;
  return PkeyPtr(key);
}

// An EC key: the public point is the private scalar times the curve's generator.
PkeyPtr load_ec(const std::string& group, const EC_GROUP* curve, const BIGNUM* priv) {
  if (BN_is_zero(priv) || BN_cmp(priv, EC_GROUP_get0_order(curve)) >= 0) return nullptr;
  std::unique_ptr<EC_POINT, EcPointFree> point(EC_POINT_new(curve));
  if (!point || EC_POINT_mul(curve, point.get(), priv, nullptr, nullptr, nullptr) != 1) return nullptr;
  Bytes encoded(EC_POINT_point2oct(curve, point.get(), POINT_CONVERSION_UNCOMPRESSED, nullptr, 0, nullptr));
  if (encoded.empty() ||
      EC_POINT_point2oct(curve, point.get(), POINT_CONVERSION_UNCOMPRESSED, encoded.data(), encoded.size(), nullptr) != encoded.size())
    return nullptr;
  return from_params("EC", EVP_PKEY_KEYPAIR, key_params(group, priv, encoded, nullptr).get());
}

// A named group's prime and generator, read once per thread.
struct DhDomain {
  BnPtr p, g;
};

const DhDomain* dh_domain(const std::string& group) {
  thread_local std::map<std::string, DhDomain, std::less<>> domains;
  if (auto it = domains.find(group); it != domains.end()) return &it->second;
  const PkeyPtr domain = from_params("DH", EVP_PKEY_KEY_PARAMETERS, key_params(group, nullptr, {}, nullptr).get());
  BIGNUM* p = nullptr;
  BIGNUM* g = nullptr;
  const bool ok = domain && EVP_PKEY_get_bn_param(domain.get(), OSSL_PKEY_PARAM_FFC_P, &p) == 1 &&
                  EVP_PKEY_get_bn_param(domain.get(), OSSL_PKEY_PARAM_FFC_G, &g) == 1;
  DhDomain read{BnPtr(p), BnPtr(g)};
  if (!ok) return nullptr;
  return &domains.emplace(group, std::move(read)).first->second;
}

// A finite-field DH key of a named group: the public value is g^x mod p.
PkeyPtr load_dh(const std::string& group, const BIGNUM* priv) {
  const DhDomain* domain = dh_domain(group);
  if (domain == nullptr || BN_is_zero(priv) || BN_cmp(priv, domain->p.get()) >= 0) return nullptr;
  BnPtr pub(BN_new());
  std::unique_ptr<BN_CTX, decltype(&BN_CTX_free)> bn_ctx(BN_CTX_new(), BN_CTX_free);
  if (!pub || !bn_ctx || BN_mod_exp(pub.get(), domain->g.get(), priv, domain->p.get(), bn_ctx.get()) != 1) return nullptr;
  return from_params("DH", EVP_PKEY_KEYPAIR, key_params(group, priv, {}, pub.get()).get());
}

// A named curve, built once per thread (nullptr when `group` is not a curve OpenSSL knows).
const EC_GROUP* named_curve(const std::string& group) {
  thread_local std::map<std::string, std::unique_ptr<EC_GROUP, EcGroupFree>, std::less<>> curves;
  if (auto it = curves.find(group); it != curves.end()) return it->second.get();
  const int nid = OBJ_sn2nid(group.c_str());
  std::unique_ptr<EC_GROUP, EcGroupFree> curve(nid == NID_undef ? nullptr : EC_GROUP_new_by_curve_name(nid));
  return curves.emplace(group, std::move(curve)).first->second.get();
}

}  // namespace

PkeyPtr load_group_private_key(const std::string& group, ByteView private_value, std::string& out_error) {
  out_error.clear();
  PkeyPtr key;
  if (private_value.empty()) {
    out_error = "the private key is empty";
  } else if (group == "X25519" || group == "X448") {
    key.reset(EVP_PKEY_new_raw_private_key_ex(nullptr, group.c_str(), nullptr, private_value.data(), private_value.size()));
  } else {
    const BnPtr priv(BN_bin2bn(private_value.data(), static_cast<int>(private_value.size()), nullptr));
    const EC_GROUP* curve = named_curve(group);
    if (priv) key = curve != nullptr ? load_ec(group, curve, priv.get()) : load_dh(group, priv.get());
  }
  ERR_clear_error();
  if (!key && out_error.empty()) out_error = "the private value is not a private key of group " + group + " (or OpenSSL does not know the group)";
  return key;
}

}  // namespace hl::crypto
