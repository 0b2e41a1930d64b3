// The glossary table and the word-boundary search the lesson pane's tooltips use.
#include "core/lessons/glossary.hpp"

#include <algorithm>
#include <cctype>

namespace hl {
namespace {

// Alphabetical, case-insensitive (a test keeps it so). Definitions cite the current RFCs.
constexpr GlossaryEntry kGlossary[] = {
    {"AEAD", "authenticated encryption",
     "Authenticated Encryption with Associated Data (RFC 5116): one algorithm that encrypts and also detects any "
     "change, to the ciphertext and to data sent alongside in the clear (in TLS 1.3, the record header). TLS 1.3 "
     "protects every record with an AEAD: AES-GCM, ChaCha20-Poly1305 or AES-CCM (RFC 8446 §5.2, §B.4)."},
    {"ALPN", "",
     "Application-Layer Protocol Negotiation (RFC 7301): the client lists the application protocols it speaks "
     "(http/1.1, h2, imap...) in its ClientHello, in the clear; the server picks one. In TLS 1.3 the server's "
     "choice travels encrypted, in EncryptedExtensions (RFC 8446 §4.3.1)."},
    {"application_data", "opaque_type",
     "Record content type 23. In TLS 1.3 every encrypted record is typed application_data on the outside, whatever "
     "it carries: the real type (handshake, alert or application data) is the last byte inside the encryption "
     "(TLSInnerPlaintext, RFC 8446 §5.2). This hides which messages are sent, and middleboxes that know TLS 1.2 "
     "let the records pass as ordinary traffic."},
    {"certificate chain", "",
     "The server's certificate followed by the CA certificates that issued it, each signed by the next one up, "
     "ending at a root the client already trusts (RFC 5280 §6). The Certificate message lists the server's own "
     "certificate first (RFC 8446 §4.4.2); OpenSSL reports its checks from the root down."},
    {"CertificateVerify", "",
     "The server's signature, with its certificate's private key, over the transcript hash of the handshake so far "
     "(RFC 8446 §4.4.3): proof that it holds that key now, in this handshake."},
    {"ChangeCipherSpec", "change_cipher_spec",
     "In TLS 1.2 the one-byte record that switches to the new keys. In TLS 1.3 it protects nothing: a dummy, "
     "plaintext record sent only so that middleboxes see a familiar handshake, and ignored by the peer "
     "(RFC 8446 §5, App. D.4)."},
    {"cipher suite", "cipher suites",
     "In TLS 1.3 an AEAD and a hash, such as TLS_AES_256_GCM_SHA384 (RFC 8446 §B.4); the key exchange and the "
     "signature are negotiated separately. A TLS 1.2 suite also names them: TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 "
     "(RFC 5246 §A.5)."},
    {"ECDHE", "ephemeral Diffie-Hellman|Diffie-Hellman",
     "(Elliptic-curve) Diffie-Hellman with ephemeral keys: each side makes a fresh key pair, sends the public half "
     "(a key share) and combines the other side's with its own private half into the same shared secret, which "
     "never crosses the wire (RFC 8446 §4.2.8, RFC 7748)."},
    {"ecdsa_secp256r1_sha256", "",
     "A TLS signature scheme (0x0403, RFC 8446 §4.2.3): ECDSA on the P-256 curve (secp256r1) with SHA-256. The "
     "server signs its CertificateVerify with it when its certificate holds a P-256 key. Only TLS 1.3 binds the "
     "curve: in TLS 1.2 the same code is just the pair sha256 and ecdsa (RFC 5246 §7.4.1.4.1), and a P-384 key "
     "may sign with it too."},
    {"ecdsa_secp384r1_sha384", "",
     "A TLS signature scheme (0x0503, RFC 8446 §4.2.3): ECDSA on the P-384 curve (secp384r1) with SHA-384, what an "
     "ECDSA P-384 certificate key signs with in TLS 1.3. P-384 is larger and slower than P-256 and gives about "
     "192-bit security instead of 128."},
    {"EdDSA", "ed25519|Ed25519|ed448|Ed448",
     "Edwards-curve signatures (RFC 8032), in TLS the schemes ed25519 and ed448 (RFC 8446 §4.2.3) for keys of those "
     "types (RFC 8410). Deterministic: the same message always gives the same signature, so a weak random number "
     "cannot leak the key, as it can with ECDSA. Ed25519 gives about 128-bit security, Ed448 about 224."},
    {"exporter secret", "EXPORTER_SECRET|exporter_master_secret",
     "A secret derived at the end of the handshake from which other protocols derive keys of their own, bound to "
     "this connection (RFC 8446 §7.5, RFC 5705). It never protects TLS records."},
    {"Finished", "",
     "The last handshake message from each side: an HMAC over the transcript hash, keyed from that side's "
     "handshake traffic secret (RFC 8446 §4.4.4). It proves that both sides saw the same handshake, byte for byte."},
    {"forward secrecy", "forward secret|perfect forward secrecy",
     "Stealing a long-term key later (the server's certificate key) does not decrypt past sessions, because their "
     "keys came from ephemeral Diffie-Hellman shares that were thrown away. A TLS 1.3 handshake with (EC)DHE has it; "
     "psk_ke resumption and 0-RTT early data do not, and a stolen session-ticket key exposes the sessions resumed "
     "with its tickets (RFC 8446 §2.2, §2.3, §8)."},
    {"HKDF", "HKDF-Extract|HKDF-Expand-Label",
     "HMAC-based Key Derivation Function (RFC 5869): Extract condenses input keying material into a pseudorandom "
     "key, Expand stretches that into labelled keys. The TLS 1.3 key schedule is a chain of HKDF steps "
     "(RFC 8446 §7.1)."},
    {"HSTS", "Strict-Transport-Security",
     "HTTP Strict Transport Security (RFC 6797): a response header telling the browser to use only HTTPS for this "
     "host for max-age seconds, and to refuse to let the user click through certificate errors (§8.4, §12.1)."},
    {"implicit TLS", "",
     "The port itself means TLS: the handshake starts as soon as TCP connects, before any application byte "
     "(HTTPS 443, SMTP submission 465, IMAP 993, POP3 995, LDAPS 636, FTPS 990). RFC 8314 prefers it to "
     "STARTTLS for mail submission and access."},
    {"key share", "key_share|key shares",
     "The key_share extension (RFC 8446 §4.2.8): a Diffie-Hellman public value for one group (x25519, "
     "secp256r1...), sent by the client in its ClientHello and answered by the server in its ServerHello."},
    {"legacy_version", "legacy_record_version",
     "A version field frozen for compatibility: TLS 1.3 hellos say TLS 1.2 (0x0303) there, records may say TLS 1.0 "
     "(0x0301). The version really spoken is chosen in the supported_versions extension (RFC 8446 §4.1.2, "
     "§4.2.1, §5.1)."},
    {"MAC", "HMAC",
     "Message Authentication Code: a short tag computed with a secret key that shows the data was not changed. "
     "HMAC (RFC 2104) builds one from a hash. An AEAD's tag is a MAC; TLS 1.3's Finished is an HMAC over the "
     "transcript hash."},
    {"nonce", "nonces",
     "A number used once. An AEAD needs a different nonce for every record under the same key; TLS 1.3 builds it "
     "from the connection's IV XORed with the record's sequence number, so it never crosses the wire "
     "(RFC 8446 §5.3)."},
    {"PSK", "pre-shared key",
     "A pre-shared key: a secret both sides already hold, in practice from a session ticket of an earlier "
     "connection. Resuming with it skips the certificate; with psk_dhe_ke a fresh Diffie-Hellman still runs "
     "(RFC 8446 §2.2, §4.2.9)."},
    {"RSA-PSS", "RSASSA-PSS|rsa_pss_pss_sha256|rsa_pss_rsae_sha256",
     "The probabilistic RSA signature (RFC 8017 §8.1), the only RSA signature TLS 1.3 allows in CertificateVerify. "
     "An ordinary RSA key (rsaEncryption) signs with the rsa_pss_rsae_* schemes; an RSASSA-PSS key, one whose "
     "certificate restricts it to PSS signatures (RFC 4055), signs with rsa_pss_pss_* only (RFC 8446 §4.2.3)."},
    {"session ticket", "session tickets|NewSessionTicket",
     "A blob the server hands the client after the handshake (NewSessionTicket, RFC 8446 §4.6.1) so that a later "
     "connection can resume with a pre-shared key instead of a full handshake. TLS 1.3 sends it encrypted; "
     "TLS 1.2 sent it in the clear (RFC 5077)."},
    {"SNI", "server_name|server name indication",
     "Server Name Indication (RFC 6066 §3): the host name the client wants, sent in the clear in the ClientHello "
     "so that a server with many names can pick the right certificate. It is absent when the client connects to "
     "an IP address, and hidden only with Encrypted Client Hello (ECH)."},
    {"STARTTLS", "STLS|StartTLS|AUTH TLS",
     "Upgrading a connection that began in plaintext: the client asks with a command (SMTP STARTTLS, RFC 3207; "
     "IMAP STARTTLS and POP3 STLS, RFC 2595; LDAP StartTLS, RFC 4511 §4.14; FTP AUTH TLS, RFC 4217), and the TLS "
     "handshake then runs on the same TCP connection. What came before is unprotected, and an active attacker can "
     "remove the offer (STARTTLS stripping)."},
    {"supported_versions", "",
     "The extension that really negotiates the TLS version (RFC 8446 §4.2.1): the client lists the versions it "
     "speaks, the server answers with the one it chose (selected_version). Its presence is what makes a hello "
     "TLS 1.3."},
    {"transcript hash", "",
     "The hash of every handshake message so far, in order (RFC 8446 §4.4.1). The keys, the CertificateVerify "
     "signature and both Finished messages depend on it, so a change to any byte of the handshake breaks them."},
    {"x25519", "X25519",
     "Diffie-Hellman on Curve25519 (RFC 7748), the key-exchange group (0x001d, RFC 8446 §4.2.7) most TLS 1.3 "
     "handshakes use. Each side sends a 32-byte public key share, and both compute the same shared secret."},
};

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

// "Finished" the message, not "finished" the verb; "AEAD", not "aead": a spelling with a capital keeps its case.
bool has_capital(std::string_view term) {
  return std::any_of(term.begin(), term.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; });
}

bool same_text(std::string_view a, std::string_view b, bool exact_case) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const bool same = exact_case ? a[i] == b[i]
                                 : std::tolower(static_cast<unsigned char>(a[i])) ==
                                       std::tolower(static_cast<unsigned char>(b[i]));
    if (!same) return false;
  }
  return true;
}

// Calls f(spelling) for the term and each alias of an entry.
template <typename F>
void for_each_spelling(const GlossaryEntry& entry, F f) {
  f(entry.term);
  std::string_view rest = entry.aliases;
  while (!rest.empty()) {
    const std::size_t bar = rest.find('|');
    f(rest.substr(0, bar));
    rest = bar == std::string_view::npos ? std::string_view{} : rest.substr(bar + 1);
  }
}

// The length of the longest spelling that occurs at text[at] as a whole word, and its entry.
GlossaryHit longest_at(std::string_view text, std::size_t at) {
  GlossaryHit best{at, 0, nullptr};
  for (const GlossaryEntry& entry : kGlossary) {
    for_each_spelling(entry, [&](std::string_view spelling) {
      if (spelling.empty() || spelling.size() <= best.length || at + spelling.size() > text.size()) return;
      const std::size_t end = at + spelling.size();
      if (end < text.size() && is_word_char(text[end])) return;
      if (same_text(text.substr(at, spelling.size()), spelling, has_capital(spelling))) best = {at, spelling.size(), &entry};
    });
  }
  return best;
}

}  // namespace

std::span<const GlossaryEntry> glossary() { return kGlossary; }

std::vector<GlossaryHit> find_glossary_terms(std::string_view text) {
  std::vector<GlossaryHit> hits;
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (at > 0 && is_word_char(text[at - 1])) continue;  // only where a word starts
    GlossaryHit hit = longest_at(text, at);
    if (hit.entry == nullptr) continue;
    hits.push_back(hit);
    at += hit.length - 1;
  }
  return hits;
}

const GlossaryEntry* glossary_entry(std::string_view text) {
  const auto hits = find_glossary_terms(text);
  return hits.size() == 1 && hits[0].offset == 0 && hits[0].length == text.size() ? hits[0].entry : nullptr;
}

}  // namespace hl
