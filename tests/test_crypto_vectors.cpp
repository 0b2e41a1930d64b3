// Reference vectors nobody here wrote, run through the lab's own key schedule and record
// opener: RFC 8448 §3 "Simple 1-RTT Handshake" (tests/data/rfc8448), The Illustrated TLS 1.3
// Connection (tests/data/illustrated-tls13, MIT) and The Illustrated TLS 1.2 Connection
// (tests/data/illustrated-tls12, MIT, from github.com/syncsynchalt/illustrated-tls).
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include "core/crypto/key_schedule.hpp"
#include "core/crypto/record_protection.hpp"
#include "core/wire/fields.hpp"
#include "test_wire_support.hpp"

using namespace hl;
using namespace hl::crypto;
using hl::test::from_hex;
using hl::test::read_binary;
using hl::test::read_hex_file;

namespace {

const std::string kRfc = std::string(HL_TEST_DATA) + "/rfc8448/";
const std::string kIllustrated13 = std::string(HL_TEST_DATA) + "/illustrated-tls13/";
const std::string kIllustrated12 = std::string(HL_TEST_DATA) + "/illustrated-tls12/";

struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

PkeyPtr read_private_pem(const std::string& path) {
  FILE* file = std::fopen(path.c_str(), "r");
  REQUIRE(file != nullptr);
  PkeyPtr key(PEM_read_PrivateKey(file, nullptr, nullptr, nullptr));
  std::fclose(file);
  REQUIRE(key);
  return key;
}

// X25519(own private, peer public) with EVP_PKEY_derive.
Bytes derive(EVP_PKEY* own, EVP_PKEY* peer) {
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new(own, nullptr);
  std::size_t len = 0;
  Bytes out;
  if (EVP_PKEY_derive_init(ctx) == 1 && EVP_PKEY_derive_set_peer(ctx, peer) == 1 &&
      EVP_PKEY_derive(ctx, nullptr, &len) == 1) {
    out.resize(len);
    if (EVP_PKEY_derive(ctx, out.data(), &len) != 1) out.clear();
  }
  EVP_PKEY_CTX_free(ctx);
  return out;
}

PkeyPtr x25519_private(const Bytes& raw) {
  return PkeyPtr(EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, nullptr, raw.data(), raw.size()));
}
PkeyPtr x25519_public(const Bytes& raw) {
  return PkeyPtr(EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, nullptr, raw.data(), raw.size()));
}

Step plain_record(Side from, Bytes bytes) {
  Step step;
  step.kind = StepKind::record;
  step.from = from;
  step.bytes = std::move(bytes);
  return step;
}

Step protected_record(Side from, Bytes bytes, Bytes plaintext, std::uint16_t version, std::uint8_t inner_type) {
  Step step = plain_record(from, std::move(bytes));
  step.is_protected = true;
  step.plaintext = std::move(plaintext);
  step.version = version;
  step.inner_type = inner_type;
  return step;
}

// A plaintext handshake record around one bare message.
Bytes in_record(const Bytes& message) {
  Bytes record(5 + message.size());
  record[0] = 22;
  record[1] = record[2] = 3;
  record[3] = static_cast<std::uint8_t>(message.size() >> 8);
  record[4] = static_cast<std::uint8_t>(message.size());
  std::copy(message.begin(), message.end(), record.begin() + 5);
  return record;
}

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

std::string value_hex(const KeySchedule& schedule, const std::string& name) {
  const Bytes* bytes = schedule.bytes(name);
  if (bytes == nullptr) return "<unavailable " + name + ">";
  return hl::wire::to_hex(*bytes, bytes->size());
}

std::string failed_checks(const KeySchedule& schedule) {
  std::string out;
  for (const auto& check : schedule.checks)
    if (!check.ok) out += check.what + ": " + check.detail + "\n";
  return out;
}

}  // namespace

TEST_CASE("RFC 8448 Simple 1-RTT Handshake: from the X25519 keys and messages, every published secret, key, IV and Finished") {
  const Bytes client_hello = read_hex_file(kRfc + "client_hello.hex");
  const Bytes server_hello = read_hex_file(kRfc + "server_hello.hex");
  REQUIRE(server_hello.size() == 90);
  // RFC 8448 §3 "{client} create an ephemeral x25519 key pair" and the server's key_share in its ServerHello.
  PkeyPtr client_private = x25519_private(from_hex("49af42ba7f7994852d713ef2784bcbcaa7911de26adc5642cb634540e7ea5005"));
  const Bytes server_share(server_hello.end() - 32 - 6, server_hello.end() - 6);  // key_exchange, then supported_versions
  CHECK(hl::wire::to_hex(server_share, 32) == "c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f");
  PkeyPtr server_public = x25519_public(server_share);
  REQUIRE(client_private);
  REQUIRE(server_public);
  const Bytes shared = derive(client_private.get(), server_public.get());

  const Bytes fake_header = {23, 3, 3, 0, 0};  // the RFC's records are not opened here: only their messages count
  const auto message = [&](const char* file) {
    Bytes inner = read_hex_file(kRfc + file);
    inner.push_back(22);
    return inner;
  };
  Transcript t;
  t.steps = {plain_record(Side::client, in_record(client_hello)), plain_record(Side::server, in_record(server_hello)),
             protected_record(Side::server, fake_header, message("encrypted_extensions.hex"), 0x0304, 22),
             protected_record(Side::server, fake_header, message("certificate.hex"), 0x0304, 22),
             protected_record(Side::server, fake_header, message("certificate_verify.hex"), 0x0304, 22),
             protected_record(Side::server, fake_header, message("server_finished.hex"), 0x0304, 22),
             protected_record(Side::client, fake_header, message("client_finished.hex"), 0x0304, 22),
             protected_record(Side::server, fake_header, message("new_session_ticket.hex"), 0x0304, 22)};
  const KeySchedule s = compute_key_schedule(t, {shared, std::nullopt});
  INFO(s.unavailable);
  REQUIRE(s.version == 0x0304);

  const std::map<std::string, std::string> published = {
      {"shared_secret", "8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d"},
      {"early_secret", "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a"},
      {"early_derived_secret", "6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba"},
      {"handshake_secret", "1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac"},
      {"client_handshake_traffic_secret", "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21"},
      {"server_handshake_traffic_secret", "b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38"},
      {"master_secret", "18df06843d13a08bf2a449844c5f8a478001bc4d4c627984d5a41da8d0402919"},
      {"client_application_traffic_secret_0", "9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5"},
      {"server_application_traffic_secret_0", "a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643"},
      {"exporter_master_secret", "fe22f881176eda18eb8f44529e6792c50c9a3f89452f68d8ae311b4309d3cf50"},
      {"resumption_master_secret", "7df235f2031d2a051287d02b0241b0bfdaf86cc856231f2d5aba46c434ec196c"},
      {"server_handshake_traffic_secret_key", "3fce516009c21727d0f2e4e86ee403bc"},
      {"server_handshake_traffic_secret_iv", "5d313eb2671276ee13000b30"},
      {"client_handshake_traffic_secret_key", "dbfaa693d1762c5b666af5d950258d01"},
      {"client_handshake_traffic_secret_iv", "5bd3c71b836e0b76bb73265f"},
      {"server_application_traffic_secret_0_key", "9f02283b6c9c07efc26bb9f2ac92e356"},
      {"server_application_traffic_secret_0_iv", "cf782b88dd83549aadf1e984"},
      {"client_application_traffic_secret_0_key", "17422dda596ed5d9acd890e3c63f5051"},
      {"client_application_traffic_secret_0_iv", "5b78923dee08579033e523d9"},
      {"server_handshake_traffic_secret_finished_key", "008d3b66f816ea559f96b537e885c31fc068bf492c652f01f288a1d8cdc19fc8"},
      {"client_handshake_traffic_secret_finished_key", "b80ad01015fb2f0bd65ff7d4da5d6bf83f84821d1f87fdc7d3c75b5a7b42d9c4"},
      {"server_finished_verify_data", "9b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718"},
      {"client_finished_verify_data", "a8ec436d677634ae525ac1fcebe11a039ec17694fac6e98527b642f2edd5ce61"},
  };
  for (const auto& [name, hex] : published) {
    INFO(name);
    CHECK(value_hex(s, name) == hex);
    CHECK(s.find(name)->source != ValueSource::key_log);  // all recomputed from the shared secret
  }
  // The handshake secret names its inputs; the traffic secrets name the steps their hash covers.
  CHECK(s.find("handshake_secret")->inputs == std::vector<std::string>{"early_derived_secret", "shared_secret"});
  CHECK(s.find("client_handshake_traffic_secret")->transcript_steps == std::vector<std::size_t>{1, 2});
  CHECK(s.find("server_application_traffic_secret_0")->transcript_steps == std::vector<std::size_t>{1, 2, 3, 4, 5, 6});
  CHECK(s.find("resumption_master_secret")->transcript_steps == std::vector<std::size_t>{1, 2, 3, 4, 5, 6, 7});
  INFO(failed_checks(s));
  CHECK(s.checks.size() == 2);  // both Finished (the RFC gives no key log)
  CHECK(s.all_checks_pass());

  // The server's shared secret from its own private key and the client's share is the same.
  PkeyPtr server_private = x25519_private(from_hex("b1580eeadf6dd589b8ef4f2d5652578cc810e9980191ec8d058308cea216a21e"));
  PkeyPtr client_public = x25519_public(from_hex("99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c"));
  CHECK(derive(server_private.get(), client_public.get()) == shared);

  // A wrong shared secret is caught by both Finished checks.
  Bytes wrong = shared;
  wrong[0] ^= 1;
  CHECK_FALSE(compute_key_schedule(t, {wrong, std::nullopt}).all_checks_pass());
}

TEST_CASE("The Illustrated TLS 1.3 Connection: published keys, key log and every record") {
  const auto record = [&](const char* file) { return read_binary(kIllustrated13 + file); };
  const auto sealed = [&](Side from, const char* wire, const char* plain) {
    Bytes inner = record(plain);
    REQUIRE_FALSE(inner.empty());
    return protected_record(from, record(wire), inner, 0x0304, inner.back());
  };
  Transcript t;
  t.steps = {plain_record(Side::client, record("clienthello.bin")),
             plain_record(Side::server, record("serverhello.bin")),
             plain_record(Side::server, record("serverccs.bin")),
             sealed(Side::server, "serverencextensions.bin", "serverextensions.bin"),
             sealed(Side::server, "serverenccert.bin", "servercert.bin"),
             sealed(Side::server, "serverenccertverify.bin", "servercertverify.bin"),
             sealed(Side::server, "serverencfinished.bin", "serverfinished.bin"),
             plain_record(Side::client, record("clientccs.bin")),
             sealed(Side::client, "clientencfinished.bin", "clientfinished.bin"),
             sealed(Side::server, "serverencticket1.bin", "serverticket1.bin"),
             sealed(Side::server, "serverencticket2.bin", "serverticket2.bin"),
             sealed(Side::client, "clientencdata.bin", "clientdata.bin"),
             sealed(Side::server, "serverencdata.bin", "serverdata.bin")};
  t.keylog = read_lines(kIllustrated13 + "keylog.txt");
  REQUIRE(t.keylog.size() == 5);
  PkeyPtr client_private = read_private_pem(kIllustrated13 + "client-x25519-private.pem");
  PkeyPtr server_private = read_private_pem(kIllustrated13 + "server-x25519-private.pem");
  const Bytes shared = derive(client_private.get(), server_private.get());
  CHECK(derive(server_private.get(), client_private.get()) == shared);

  const KeySchedule s = compute_key_schedule(t, {shared, std::nullopt});
  REQUIRE(s.version == 0x0304);
  REQUIRE(s.suite);
  CHECK(s.suite->name == "TLS_AES_256_GCM_SHA384");
  // The README's table (AES-256-GCM keys and IVs).
  CHECK(value_hex(s, "server_handshake_traffic_secret_key") == "9f13575ce3f8cfc1df64a77ceaffe89700b492ad31b4fab01c4792be1b266b7f");
  CHECK(value_hex(s, "server_handshake_traffic_secret_iv") == "9563bc8b590f671f488d2da3");
  CHECK(value_hex(s, "client_handshake_traffic_secret_key") == "1135b4826a9a70257e5a391ad93093dfd7c4214812f493b3e3daae1eb2b1ac69");
  CHECK(value_hex(s, "client_handshake_traffic_secret_iv") == "4256d2e0e88babdd05eb2f27");
  CHECK(value_hex(s, "server_application_traffic_secret_0_key") == "01f78623f17e3edcc09e944027ba3218d57c8e0db93cd3ac419309274700ac27");
  CHECK(value_hex(s, "server_application_traffic_secret_0_iv") == "196a750b0c5049c0cc51a541");
  CHECK(value_hex(s, "client_application_traffic_secret_0_key") == "de2f4c7672723a692319873e5c227606691a32d1c59d8b9f51dbb9352e9ca9cc");
  CHECK(value_hex(s, "client_application_traffic_secret_0_iv") == "bb007956f474b25de902432f");
  // Every key log line (five secrets) equals the top-down recomputation, and both Finished match.
  INFO(failed_checks(s));
  CHECK(s.checks.size() == 5 + 2);
  CHECK(s.all_checks_pass());
  CHECK(s.find("client_handshake_traffic_secret")->source == ValueSource::recomputed);

  const auto records = open_records(t, s);
  REQUIRE(records.size() == 9);
  for (const auto& r : records) {
    INFO("step " << r.step << ": " << r.problem);
    CHECK(r.opened);
    CHECK(r.matches_plaintext);
  }
  // The server's handshake records are numbered 0..3 under its handshake key (README).
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(records[i].secret == "server_handshake_traffic_secret");
    CHECK(records[i].seq == i);
  }
  CHECK(records[4].secret == "client_handshake_traffic_secret");
  CHECK(records[5].secret == "server_application_traffic_secret_0");
  CHECK(records[5].seq == 0);
  CHECK(records[7].secret == "client_application_traffic_secret_0");
}

TEST_CASE("The Illustrated TLS 1.2 Connection: premaster, master, key block, Finished and CBC records") {
  const auto record = [&](const char* file) { return read_binary(kIllustrated12 + file); };
  // The publication's decryptions end with the 20-byte MAC and the padding length byte.
  const auto sealed = [&](Side from, const char* wire, const char* plain, std::uint8_t type) {
    Bytes content = record(plain);
    REQUIRE(content.size() > 21);
    content.resize(content.size() - 21);
    return protected_record(from, record(wire), content, 0x0303, type);
  };
  Transcript t;
  t.steps = {plain_record(Side::client, record("clienthello.bin")),
             plain_record(Side::server, record("serverhello.bin")),
             plain_record(Side::server, record("servercert.bin")),
             plain_record(Side::server, record("serverkeyexchange.bin")),
             plain_record(Side::server, record("serverhellodone.bin")),
             plain_record(Side::client, record("clientkeyexchange.bin")),
             plain_record(Side::client, record("clientccs.bin")),
             sealed(Side::client, "clientfinished.bin", "clientfinishedplain.bin", 22),
             plain_record(Side::server, record("serverccs.bin")),
             sealed(Side::server, "serverfinished.bin", "serverfinishedplain.bin", 22),
             sealed(Side::client, "clientdata.bin", "clientdataplain.bin", 23),
             sealed(Side::server, "serverdata.bin", "serverdataplain.bin", 23),
             sealed(Side::client, "clientalert.bin", "clientalertplain.bin", 21)};
  t.keylog = read_lines(kIllustrated12 + "keylog.txt");
  PkeyPtr client_private = read_private_pem(kIllustrated12 + "client-ephemeral-private.key");
  PkeyPtr server_private = read_private_pem(kIllustrated12 + "server-ephemeral-private.key");
  const Bytes premaster = derive(client_private.get(), server_private.get());
  CHECK(hl::wire::to_hex(premaster, 32) == "df4a291baa1eb7cfa6934b29b474baad2697e29f1f920dcc77c8a0a088447624");

  const KeySchedule s = compute_key_schedule(t, {std::nullopt, premaster});
  REQUIRE(s.version == 0x0303);
  REQUIRE(s.suite);
  CHECK(s.suite->name == "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
  CHECK(s.find("master_secret")->source == ValueSource::recomputed);
  CHECK(s.find("master_secret")->label == "master secret");  // no extended master secret in this connection
  CHECK(value_hex(s, "master_secret") ==
        "916abf9da55973e13614ae0a3f5d3f37b023ba129aee02cc9134338127cd7049781c8e19fc1eb2a7387ac06ae237344c");
  CHECK(value_hex(s, "client_write_mac_key") == "1b7d117c7d5f690bc263cae8ef60af0f1878acc2");
  CHECK(value_hex(s, "server_write_mac_key") == "2ad8bdd8c601a617126f63540eb20906f781fad2");
  CHECK(value_hex(s, "client_write_key") == "f656d037b173ef3e11169f27231a84b6");
  CHECK(value_hex(s, "server_write_key") == "752a18e7a9fcb7cbcdd8f98dd8f769eb");
  INFO(failed_checks(s));
  CHECK(s.checks.size() == 1 + 2);  // the CLIENT_RANDOM line and both Finished
  CHECK(s.all_checks_pass());

  const auto records = open_records(t, s);
  REQUIRE(records.size() == 5);
  for (const auto& r : records) {
    INFO("step " << r.step << ": " << r.problem);
    CHECK(r.opened);
    CHECK(r.matches_plaintext);
    CHECK(r.cbc);
    CHECK_FALSE(r.encrypt_then_mac);
    CHECK(r.inner_mac.len == 20);
  }
  CHECK(hl::wire::to_hex(records[0].nonce, 16) == "404142434445464748494a4b4c4d4e4f");  // the client Finished's explicit IV
  CHECK(records[0].secret == "client_write_key");
  CHECK(records[2].seq == 1);  // the client's data follows its Finished
}
