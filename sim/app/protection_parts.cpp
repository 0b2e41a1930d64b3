#include "app/protection_parts.hpp"

#include "app/schedule_diagram.hpp"
#include "core/wire/names.hpp"

namespace hl::app {
namespace {

ByteHighlight wire_range(crypto::ByteRange range) { return {Buffer::wire, {range.offset, range.len}}; }

Bytes slice(const Bytes& bytes, crypto::ByteRange range) {
  if (range.offset + range.len > bytes.size()) return {};
  return Bytes(bytes.begin() + static_cast<std::ptrdiff_t>(range.offset),
               bytes.begin() + static_cast<std::ptrdiff_t>(range.offset + range.len));
}

ProtectionPart hex_part(std::string name, const Bytes& bytes, std::string explanation) {
  return {std::move(name), short_hex(bytes), bytes, std::nullopt, std::move(explanation)};
}

ProtectionPart wire_part(std::string name, const Step& step, crypto::ByteRange range, std::string explanation) {
  ProtectionPart part = hex_part(std::move(name), slice(step.bytes, range), std::move(explanation));
  part.value = std::to_string(range.len) + " B: " + part.value;
  part.range = wire_range(range);
  return part;
}

// A range inside the decrypted record, lit in the "Decrypted" bytes when they are the bytes
// the lab opened (TLS 1.3's TLSInnerPlaintext, TLS 1.2 AEAD); otherwise shown without a range.
ProtectionPart inner_part(std::string name, const crypto::RecordProtection& record, const Step& step,
                          crypto::ByteRange range, std::string explanation) {
  ProtectionPart part = hex_part(std::move(name), slice(record.decrypted, range), std::move(explanation));
  part.value = std::to_string(range.len) + " B: " + part.value;
  if (record.decrypted == step.plaintext) part.range = ByteHighlight{Buffer::plaintext, {range.offset, range.len}};
  return part;
}

void add_key_parts(const crypto::RecordProtection& record, std::vector<ProtectionPart>& parts) {
  parts.push_back({"secret", record.secret + ", record " + std::to_string(record.seq), {}, std::nullopt,
                   "The key-schedule secret whose key protects this record, and its sequence number: "
                   "the count of records sent under that key before it, from 0 (RFC 8446 §5.3)."});
  parts.push_back(hex_part("key", record.key,
                           "The symmetric key derived from that secret. Both sides computed it on their own; "
                           "it never crossed the wire."));
  if (!record.iv.empty()) {
    parts.push_back(hex_part(record.explicit_nonce.len > 0 && !record.cbc ? "salt (write IV)" : "IV", record.iv,
                             "Derived with the key. Mixed with the sequence number it gives a nonce that is never "
                             "used twice under one key."));
  }
  if (!record.mac_key.empty()) {
    parts.push_back(hex_part("MAC key", record.mac_key, "The HMAC key from the key block that proves the record is intact."));
  }
}

void add_aead_parts(const crypto::RecordProtection& record, const Step& step, std::uint16_t version,
                    std::vector<ProtectionPart>& parts) {
  ProtectionPart nonce = hex_part("nonce", record.nonce, record.nonce_note);
  if (record.explicit_nonce.len > 0) {
    nonce.range = wire_range(record.explicit_nonce);
    nonce.value += " (last 8 bytes on the wire)";
  }
  parts.push_back(std::move(nonce));
  ProtectionPart aad = hex_part("additional data", record.aad,
                                version == 0x0304
                                    ? "The 5-byte record header: authenticated but not encrypted, so changing its type "
                                      "or length breaks the tag (RFC 8446 §5.2)."
                                    : "Sequence number (never sent), type, version and plaintext length: authenticated, "
                                      "not encrypted (RFC 5246 §6.2.3.3).");
  aad.range = wire_range(record.header);
  parts.push_back(std::move(aad));
  parts.push_back(wire_part("ciphertext", step, record.ciphertext,
                            "The encrypted content. Without the key it looks random; its length gives away only the size."));
  parts.push_back(wire_part("tag", step, record.tag,
                            "The " + std::to_string(record.tag.len) +
                                "-byte authentication tag over the ciphertext and the additional data. One flipped bit "
                                "anywhere and the receiver's check fails: it sends bad_record_mac and closes."));
}

void add_cbc_parts(const crypto::RecordProtection& record, const Step& step, std::vector<ProtectionPart>& parts) {
  ProtectionPart iv = wire_part("explicit IV", step, record.explicit_nonce, record.nonce_note);
  parts.push_back(std::move(iv));
  parts.push_back(hex_part("MAC header", record.aad,
                           "Sequence number (never sent), type, version and length: what the MAC covers besides the data."));
  parts.push_back(wire_part("ciphertext", step, record.ciphertext,
                            "The data, encrypted block by block with AES-CBC after the IV."));
  if (record.encrypt_then_mac) {
    parts.push_back(wire_part("MAC", step, record.mac,
                              "Encrypt-then-MAC (RFC 7366): the HMAC covers the ciphertext and is checked before "
                              "anything is decrypted."));
  } else if (record.inner_mac.len > 0) {
    parts.push_back(inner_part("MAC (inside)", record, step, record.inner_mac,
                               "MAC-then-encrypt: the HMAC is inside the encryption and is checked after decrypting, "
                               "the order padding-oracle attacks exploit (RFC 7366 fixes it)."));
  }
  if (record.padding.len > 0) {
    parts.push_back(inner_part("padding", record, step, record.padding,
                               "CBC padding up to a whole block, each byte holding the padding length."));
  }
  parts.push_back({"encrypt-then-MAC", record.encrypt_then_mac ? "on (RFC 7366)" : "off: MAC-then-encrypt", {},
                   std::nullopt, "Whether both sides agreed on the encrypt_then_mac extension (RFC 7366)."});
}

void add_inner_parts(const crypto::RecordProtection& record, const Step& step, std::uint16_t version,
                     std::vector<ProtectionPart>& parts) {
  if (!record.opened) return;
  parts.push_back(inner_part("content", record, step, record.content, "What the sender protected, as the receiver reads it."));
  if (version != 0x0304) return;
  ProtectionPart type = inner_part("inner content type", record, step, {record.content.offset + record.content.len, 1},
                                   "The real record type, hidden inside the encryption: the header outside always says "
                                   "application_data (23), so an eavesdropper cannot tell a handshake message from data "
                                   "(RFC 8446 §5.2).");
  type.value = std::to_string(record.content_type) + " (" + wire::content_type_name(record.content_type) + ")";
  parts.push_back(std::move(type));
  ProtectionPart padding = inner_part("padding", record, step, record.padding,
                                      "Zeros after the type byte that can hide the true length; OpenSSL adds none "
                                      "unless asked (RFC 8446 §5.4).");
  if (record.padding.len == 0) padding.value = "none (0 bytes)";
  parts.push_back(std::move(padding));
}

}  // namespace

std::vector<ProtectionPart> protection_parts(const crypto::RecordProtection& record, const Step& step,
                                             std::uint16_t version) {
  std::vector<ProtectionPart> parts;
  add_key_parts(record, parts);
  if (record.cbc) {
    add_cbc_parts(record, step, parts);
  } else {
    add_aead_parts(record, step, version, parts);
  }
  add_inner_parts(record, step, version, parts);
  return parts;
}

}  // namespace hl::app
