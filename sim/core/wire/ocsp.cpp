// The OCSP response (RFC 6960 §4.2.1) a server staples, decoded as its ASN.1 reads: one small
// function per type, each member read in order through the bounded cursor. A DER element the
// schema names becomes a node with its tag and length and its members; a primitive member is one
// leaf over its whole TLV. Anything that is not what the schema expects becomes a malformed node
// over the rest of the enclosing element, and decoding goes on after that element.
#include <algorithm>
#include <string>

#include "core/model/counts.hpp"
#include "core/wire/decoders.hpp"

namespace hl::wire {
namespace {

constexpr std::size_t k24 = 0xffffff;

// Identifier octets of the universal types used here (X.690 §8.1.2).
constexpr std::uint8_t kInteger = 0x02, kBitString = 0x03, kOctetString = 0x04, kNull = 0x05, kOid = 0x06,
                       kEnumerated = 0x0a, kGeneralizedTime = 0x18, kSequence = 0x30;
// Context-specific tags: [n] constructed (EXPLICIT, or IMPLICIT over a SEQUENCE) and [n] primitive.
constexpr std::uint8_t kContext0 = 0xa0, kContext1 = 0xa1, kContext2 = 0xa2, kPrimitive0 = 0x80, kPrimitive2 = 0x82;

/* OCSPResponseStatus ::= ENUMERATED { successful (0), malformedRequest (1), internalError (2),
       tryLater (3), -- (4) is not used -- sigRequired (5), unauthorized (6) } */
constexpr CodeName kResponseStatuses[] = {{0, "successful"}, {1, "malformedRequest"}, {2, "internalError"},
                                          {3, "tryLater"},   {5, "sigRequired"},      {6, "unauthorized"}};

/* CRLReason ::= ENUMERATED (RFC 5280 §5.3.1) */
constexpr CodeName kCrlReasons[] = {{0, "unspecified"},          {1, "keyCompromise"},        {2, "cACompromise"},
                                    {3, "affiliationChanged"},   {4, "superseded"},           {5, "cessationOfOperation"},
                                    {6, "certificateHold"},      {8, "removeFromCRL"},        {9, "privilegeWithdrawn"},
                                    {10, "aACompromise"}};

/* Version ::= INTEGER { v1(0) } */
constexpr CodeName kVersions[] = {{0, "v1"}};

// The two CertStatus alternatives that carry no data (IMPLICIT NULL); revoked is a SEQUENCE.
struct PlainStatus {
  std::uint8_t tag;
  const char* name;
};
constexpr PlainStatus kPlainStatuses[] = {{kPrimitive0, "good"}, {kPrimitive2, "unknown"}};

// How a tag leaf reads: "0x30 (SEQUENCE)", "0xa0 ([0], constructed)".
constexpr CodeName kTagNames[] = {
    {kInteger, "INTEGER"},         {kBitString, "BIT STRING"},     {kOctetString, "OCTET STRING"},
    {kNull, "NULL"},               {kOid, "OBJECT IDENTIFIER"},    {kEnumerated, "ENUMERATED"},
    {kGeneralizedTime, "GeneralizedTime"}, {kSequence, "SEQUENCE"}, {kContext0, "[0], constructed"},
    {kContext1, "[1], constructed"}, {kContext2, "[2], constructed"}, {kPrimitive0, "[0]"},
    {kPrimitive2, "[2]"},
};

using Show = std::string (*)(std::span<const std::uint8_t> bytes);

std::string tag_text(std::uint8_t tag) {
  const char* name = find_name(kTagNames, tag);
  return hex_code(tag, 1) + (name ? " (" + std::string(name) + ")" : "");
}

bool next_is(const Cursor& c, std::uint8_t tag) { return !c.empty() && c.rest()[0] == tag; }

// A small ENUMERATED or INTEGER by its table: "successful (0)".
std::string named_number(std::span<const std::uint8_t> bytes, std::span<const CodeName> table) {
  if (bytes.size() != 1) return to_hex(bytes);
  const char* name = find_name(table, bytes[0]);
  return std::string(name ? name : "unknown") + " (" + std::to_string(bytes[0]) + ")";
}

std::string response_status_text(std::span<const std::uint8_t> b) { return named_number(b, kResponseStatuses); }
std::string crl_reason_text(std::span<const std::uint8_t> b) { return named_number(b, kCrlReasons); }
std::string version_text(std::span<const std::uint8_t> b) { return named_number(b, kVersions); }
std::string oid_text(std::span<const std::uint8_t> b) { return der_value_text(6, b); }
std::string time_text(std::span<const std::uint8_t> b) { return der_value_text(24, b); }
std::string hex_text(std::span<const std::uint8_t> b) { return to_hex(b); }
std::string serial_text(std::span<const std::uint8_t> b) { return to_hex(b, 64); }
std::string null_text(std::span<const std::uint8_t>) { return "NULL"; }

// BIT STRING contents: the unused-bits octet, then the bits (a signature: whole octets).
std::string bit_string_text(std::span<const std::uint8_t> b) {
  if (b.empty()) return "";
  return byte_count(b.size() - 1) + ": " + to_hex(b.subspan(1));
}

// One DER element whose identifier octet must be `tag`: a node over its TLV with "tag" and
// "length" leaves, its contents handed back as out_value. A length that runs past the enclosing
// element is marked malformed and the contents are clipped to what is there (decoding goes on
// inside). A wrong tag or unreadable length gives a malformed node over the rest of c (which is
// then empty) and nullptr. The node is valid until `out` is next modified.
Field* open_element(Cursor& c, FieldList& out, std::uint8_t tag, const char* name, const char* key, Cursor& out_value) {
  const std::size_t start = c.offset();
  Cursor probe = c;
  std::uint8_t found = 0;
  if (!probe.u8(found)) {
    add_malformed(c, out, name, "expected " + std::string(name) + ", tag " + tag_text(tag) + ", but nothing is left");
    return nullptr;
  }
  if (found != tag) {
    add_malformed(c, out, name, "expected " + std::string(name) + ", tag " + tag_text(tag) + ", found tag " + tag_text(found));
    return nullptr;
  }
  std::uint32_t len = 0;
  std::string error;
  const std::size_t length_start = probe.offset();
  if (!read_definite_length(probe, len, error, "indefinite length (0x80) is not allowed in DER")) {
    add_malformed(c, out, name, std::string(name) + ": " + error);
    return nullptr;
  }
  Field length = make_leaf("length", std::to_string(len), length_start, probe.offset() - length_start, "asn1.length");
  if (len > probe.remaining()) {
    length.malformed = true;
    length.error = std::string(name) + " claims " + byte_count(len) + " but only " + byte_count(probe.remaining()) +
                   " remain; decoding what is there";
  }
  (void)probe.sub(std::min<std::size_t>(len, probe.remaining()), out_value);  // cannot fail: clipped
  c = probe;
  Field& node = add_node(out, name, byte_count(len), start, c.offset() - start, key);
  node.children.push_back(make_leaf("tag", tag_text(tag), start, 1, "asn1.tag"));
  node.children.push_back(std::move(length));
  return &node;
}

// One primitive element read whole as one leaf over its TLV, shown by `show` (malformed when its
// length ran past the enclosing element); nullptr, and a malformed node over the rest of c, when
// it is not there at all.
Field* add_primitive(Cursor& c, FieldList& out, std::uint8_t tag, const char* name, const char* key, Show show) {
  Cursor value;
  const std::size_t start = c.offset();
  FieldList scratch;
  const Field* element = open_element(c, scratch, tag, name, key, value);
  if (element == nullptr) {
    out.push_back(std::move(scratch.back()));
    return nullptr;
  }
  Field leaf = make_leaf(name, show(value.rest()), start, c.offset() - start, key);
  leaf.malformed = element->children.back().malformed;
  leaf.error = element->children.back().error;
  out.push_back(std::move(leaf));
  return &out.back();
}

// [n] EXPLICIT over one primitive: the wrapper node shows its inner value.
bool add_explicit(Cursor& c, FieldList& out, std::uint8_t wrapper_tag, const char* name, const char* key,
                  std::uint8_t inner_tag, const char* inner_name, Show show) {
  Cursor body;
  Field* node = open_element(c, out, wrapper_tag, name, key, body);
  if (!node) return false;
  if (const Field* inner = add_primitive(body, node->children, inner_tag, inner_name, key, show)) node->value = inner->value;
  expect_end(body, node->children, name);
  return true;
}

// A member shown generically (extensions, certificates, a Name): the DER tree under a named node.
bool add_der_member(Cursor& c, FieldList& out, std::uint8_t tag, const char* name, const char* key) {
  Cursor body;
  Field* node = open_element(c, out, tag, name, key, body);
  if (!node) return false;
  while (!body.empty()) decode_der(body, node->children, 1);
  return true;
}

// The value shown beside a Name: its commonName, found in the decoded tree.
std::string common_name(const FieldList& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].value.rfind("commonName", 0) == 0 && i + 1 < fields.size()) return "CN=" + fields[i + 1].value;
    if (std::string name = common_name(fields[i].children); !name.empty()) return name;
  }
  return "";
}

/* AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL } */
bool algorithm_identifier(Cursor& c, FieldList& out, const char* name, const char* key) {
  Cursor body;
  Field* node = open_element(c, out, kSequence, name, key, body);
  if (!node) return false;
  if (const Field* algorithm = add_primitive(body, node->children, kOid, "algorithm", "ocsp.algorithm", oid_text))
    node->value = algorithm->value;
  if (next_is(body, kNull)) (void)add_primitive(body, node->children, kNull, "parameters", "ocsp.algorithm_parameters", null_text);
  expect_end(body, node->children, name);
  return true;
}

/* ResponderID ::= CHOICE { byName [1] Name, byKey [2] KeyHash }
   KeyHash ::= OCTET STRING -- SHA-1 hash of responder's public key */
bool responder_id(Cursor& c, FieldList& out) {
  if (next_is(c, kContext2))
    return add_explicit(c, out, kContext2, "responderID (byKey)", "ocsp.responder_by_key", kOctetString, "KeyHash", hex_text);
  if (!add_der_member(c, out, kContext1, "responderID (byName)", "ocsp.responder_by_name")) return false;
  out.back().value = common_name(out.back().children);
  return true;
}

/* CertID ::= SEQUENCE {
       hashAlgorithm       AlgorithmIdentifier,
       issuerNameHash      OCTET STRING, -- Hash of issuer's DN
       issuerKeyHash       OCTET STRING, -- Hash of issuer's public key
       serialNumber        CertificateSerialNumber } */
bool cert_id(Cursor& c, FieldList& out) {
  Cursor body;
  Field* node = open_element(c, out, kSequence, "certID", "ocsp.cert_id", body);
  if (!node) return false;
  FieldList& fields = node->children;
  (void)(algorithm_identifier(body, fields, "hashAlgorithm", "ocsp.hash_algorithm") &&
         add_primitive(body, fields, kOctetString, "issuerNameHash", "ocsp.issuer_name_hash", hex_text) &&
         add_primitive(body, fields, kOctetString, "issuerKeyHash", "ocsp.issuer_key_hash", hex_text) &&
         add_primitive(body, fields, kInteger, "serialNumber", "ocsp.serial_number", serial_text));
  if (!fields.empty() && fields.back().name == "serialNumber" && !fields.back().malformed) node->value = "serial " + fields.back().value;
  expect_end(body, fields, "the CertID");
  return true;
}

/* RevokedInfo ::= SEQUENCE {
       revocationTime              GeneralizedTime,
       revocationReason    [0]     EXPLICIT CRLReason OPTIONAL }   (as certStatus [1] IMPLICIT) */
bool revoked_info(Cursor& c, FieldList& out) {
  Cursor body;
  Field* node = open_element(c, out, kContext1, "certStatus", "ocsp.cert_status", body);
  if (!node) return false;
  node->value = "revoked";
  const Field* when = add_primitive(body, node->children, kGeneralizedTime, "revocationTime", "ocsp.revocation_time", time_text);
  if (when) node->value += " since " + when->value;
  if (when && next_is(body, kContext0))
    (void)add_explicit(body, node->children, kContext0, "revocationReason", "ocsp.revocation_reason", kEnumerated,
                       "CRLReason", crl_reason_text);
  expect_end(body, node->children, "the RevokedInfo");
  return true;
}

/* CertStatus ::= CHOICE {
       good        [0]     IMPLICIT NULL,
       revoked     [1]     IMPLICIT RevokedInfo,
       unknown     [2]     IMPLICIT UnknownInfo }    UnknownInfo ::= NULL */
bool cert_status(Cursor& c, FieldList& out) {
  if (next_is(c, kContext1)) return revoked_info(c, out);
  for (const PlainStatus& status : kPlainStatuses) {
    if (!next_is(c, status.tag)) continue;
    Field* leaf = add_primitive(c, out, status.tag, "certStatus", "ocsp.cert_status", null_text);
    if (leaf == nullptr) return false;
    leaf->value = status.name;
    if (!leaf->malformed && leaf->length != 2) {  // tag and a zero length: a NULL has no contents
      leaf->malformed = true;
      leaf->error = std::string("certStatus ") + status.name + " is a NULL and must have no contents";
    }
    return true;
  }
  add_malformed(c, out, "certStatus", "expected certStatus: good [0] (0x80), revoked [1] (0xa1) or unknown [2] (0x82)");
  return false;
}

/* SingleResponse ::= SEQUENCE {
       certID                       CertID,
       certStatus                   CertStatus,
       thisUpdate                   GeneralizedTime,
       nextUpdate         [0]       EXPLICIT GeneralizedTime OPTIONAL,
       singleExtensions   [1]       EXPLICIT Extensions OPTIONAL } */
bool single_response(Cursor& c, FieldList& out) {
  Cursor body;
  Field* node = open_element(c, out, kSequence, "SingleResponse", "ocsp.single_response", body);
  if (!node) return false;
  FieldList& fields = node->children;
  if (cert_id(body, fields) && cert_status(body, fields)) {
    node->value = fields.back().value;
    if (add_primitive(body, fields, kGeneralizedTime, "thisUpdate", "ocsp.this_update", time_text)) {
      if (next_is(body, kContext0))
        (void)add_explicit(body, fields, kContext0, "nextUpdate", "ocsp.next_update", kGeneralizedTime, "GeneralizedTime", time_text);
      if (next_is(body, kContext1)) (void)add_der_member(body, fields, kContext1, "singleExtensions", "ocsp.extensions");
    }
  }
  expect_end(body, fields, "the SingleResponse");
  return true;
}

/* responses SEQUENCE OF SingleResponse */
bool responses(Cursor& c, FieldList& out) {
  Cursor body;
  Field* node = open_element(c, out, kSequence, "responses", "ocsp.responses", body);
  if (!node) return false;
  std::size_t num_responses = 0;
  while (!body.empty() && single_response(body, node->children)) ++num_responses;
  node->value = count_of(num_responses, "SingleResponse", "SingleResponses");
  return true;
}

/* ResponseData ::= SEQUENCE {
       version              [0] EXPLICIT Version DEFAULT v1,
       responderID              ResponderID,
       producedAt               GeneralizedTime,
       responses                SEQUENCE OF SingleResponse,
       responseExtensions   [1] EXPLICIT Extensions OPTIONAL } */
bool response_data(Cursor& c, FieldList& out) {
  Cursor body;
  Field* node = open_element(c, out, kSequence, "tbsResponseData", "ocsp.tbs_response_data", body);
  if (!node) return false;
  FieldList& fields = node->children;
  if (next_is(body, kContext0))
    (void)add_explicit(body, fields, kContext0, "version", "ocsp.version", kInteger, "Version", version_text);
  (void)(responder_id(body, fields) &&
         add_primitive(body, fields, kGeneralizedTime, "producedAt", "ocsp.produced_at", time_text) &&
         responses(body, fields));
  if (next_is(body, kContext1)) (void)add_der_member(body, fields, kContext1, "responseExtensions", "ocsp.extensions");
  expect_end(body, fields, "the tbsResponseData");
  return true;
}

// A SEQUENCE wrapped in one more TLV ([0] EXPLICIT, or the OCTET STRING that carries a
// BasicOCSPResponse) shown as the one member the RFC names: a node whose children are both tags
// and both lengths, then the SEQUENCE's members as `members` reads them. False, and a malformed
// node over the rest of c, when the outer element is not there.
template <typename Members>
bool add_wrapped_sequence(Cursor& c, FieldList& out, std::uint8_t outer_tag, const char* name, const char* key,
                          Members members) {
  Cursor outer, body;
  Field* node = open_element(c, out, outer_tag, name, key, outer);
  if (!node) return false;
  FieldList inner;
  Field* sequence = open_element(outer, inner, kSequence, name, key, body);
  if (sequence == nullptr) {
    node->children.push_back(std::move(inner.back()));
    return true;
  }
  for (Field& header : sequence->children) node->children.push_back(std::move(header));  // its tag and length
  members(body, *node);
  expect_end(body, node->children, name);
  expect_end(outer, node->children, name);
  return true;
}

/* BasicOCSPResponse ::= SEQUENCE {
       tbsResponseData      ResponseData,
       signatureAlgorithm   AlgorithmIdentifier,
       signature            BIT STRING,
       certs            [0] EXPLICIT SEQUENCE OF Certificate OPTIONAL }      (its members) */
void basic_response(Cursor& body, Field& node) {
  FieldList& fields = node.children;
  (void)(response_data(body, fields) && algorithm_identifier(body, fields, "signatureAlgorithm", "ocsp.signature_algorithm") &&
         add_primitive(body, fields, kBitString, "signature", "ocsp.signature", bit_string_text));
  if (next_is(body, kContext0)) (void)add_der_member(body, fields, kContext0, "certs", "ocsp.certs");
}

/* ResponseBytes ::= SEQUENCE { responseType OBJECT IDENTIFIER, response OCTET STRING }     (its members)
   id-pkix-ocsp-basic: response is the DER of a BasicOCSPResponse. */
void response_bytes(Cursor& body, Field& node) {
  const Field* type = add_primitive(body, node.children, kOid, "responseType", "ocsp.response_type", oid_text);
  if (type == nullptr) return;
  node.value = type->value;
  if (type->value.rfind("id-pkix-ocsp-basic", 0) == 0) {
    (void)add_wrapped_sequence(body, node.children, kOctetString, "response (BasicOCSPResponse)", "ocsp.basic_response",
                               basic_response);
    return;
  }
  (void)add_primitive(body, node.children, kOctetString, "response", "ocsp.response_der", hex_text);
}

// The first certStatus in a decoded response, for the summary beside it.
const Field* find_cert_status(const FieldList& fields) {
  for (const Field& field : fields) {
    if (field.name == "certStatus") return &field;
    if (const Field* found = find_cert_status(field.children)) return found;
  }
  return nullptr;
}

}  // namespace

/* OCSPResponse ::= SEQUENCE {
       responseStatus         OCSPResponseStatus,
       responseBytes          [0] EXPLICIT ResponseBytes OPTIONAL } */
void decode_ocsp_response(Cursor& c, FieldList& out) {
  Cursor body;
  Field* node = open_element(c, out, kSequence, "OCSPResponse", "ocsp.ocsp_response", body);
  if (!node) return;
  FieldList& fields = node->children;
  if (const Field* status = add_primitive(body, fields, kEnumerated, "responseStatus", "ocsp.response_status", response_status_text)) {
    node->value = status->value;
    if (next_is(body, kContext0))  // responseBytes [0] EXPLICIT ResponseBytes
      (void)add_wrapped_sequence(body, fields, kContext0, "responseBytes", "ocsp.response_bytes", response_bytes);
  }
  expect_end(body, fields, "the OCSPResponse");
}

void decode_ocsp_response_vector(Cursor& c, FieldList& out) {
  Cursor der;
  Field* node = open_vector(c, out, "ocsp_response", "ocsp_response", 3, 1, k24, der);
  if (!node) return;
  decode_ocsp_response(der, node->children);
  expect_end(der, node->children, "the OCSPResponse");
  if (const Field* status = find_cert_status(node->children)) node->value += ", certStatus " + status->value;
}

}  // namespace hl::wire
