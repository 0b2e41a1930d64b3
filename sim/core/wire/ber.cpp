// LDAPMessage decoding (see ber.hpp). The RFC 4511 ASN.1 is kept as data: each constructed
// element lists its members in order, and each received element is matched to the next
// member with the same tag, which also covers OPTIONAL members and CHOICEs.
#include "core/wire/ber.hpp"

#include <string>

#include "core/wire/fields.hpp"
#include "core/wire/names.hpp"
#include "core/model/counts.hpp"

namespace hl::wire {
namespace {

constexpr int kMaxDepth = 16;

// How a member's value is shown.
enum class Kind : std::uint8_t { sequence, integer, result_code, text, oid_text, secret, null, opaque };

struct Member;

// The members of a constructed element, in ASN.1 order (empty: shown generically).
struct MemberList {
  const Member* items = nullptr;
  std::size_t num_items = 0;
};

template <std::size_t N>
constexpr MemberList list_of(const Member (&items)[N]) {
  return {items, N};
}

struct Member {
  std::uint8_t tag;  // the identifier octet (LDAP uses only single-octet tags)
  const char* name;
  Kind kind;
  MemberList members;  // for Kind::sequence
  const char* key;     // explanation key
};

/*  BindResponse ::= [APPLICATION 1] SEQUENCE { COMPONENTS OF LDAPResult,
        serverSaslCreds [7] OCTET STRING OPTIONAL }
    LDAPResult ::= SEQUENCE { resultCode ENUMERATED, matchedDN LDAPDN,
        diagnosticMessage LDAPString, referral [3] Referral OPTIONAL }                            */
constexpr Member kBindResponse[] = {
    {0x0a, "resultCode", Kind::result_code, {}, "ldap.result_code"},
    {0x04, "matchedDN", Kind::text, {}, "ldap.matched_dn"},
    {0x04, "diagnosticMessage", Kind::text, {}, "ldap.diagnostic_message"},
    {0xa3, "referral", Kind::sequence, {}, "ldap.referral"},
    {0x87, "serverSaslCreds", Kind::opaque, {}, "ldap.bind.server_sasl_creds"},
};

/*  SaslCredentials ::= SEQUENCE { mechanism LDAPString, credentials OCTET STRING OPTIONAL } */
constexpr Member kSaslCredentials[] = {
    {0x04, "mechanism", Kind::text, {}, "ldap.bind.sasl_mechanism"},
    {0x04, "credentials", Kind::secret, {}, "ldap.bind.sasl_credentials"},
};

/*  BindRequest ::= [APPLICATION 0] SEQUENCE { version INTEGER (1..127), name LDAPDN,
        authentication AuthenticationChoice }  -- CHOICE { simple [0] OCTET STRING, sasl [3] ... } */
constexpr Member kBindRequest[] = {
    {0x02, "version", Kind::integer, {}, "ldap.bind.version"},
    {0x04, "name", Kind::text, {}, "ldap.bind.name"},
    {0x80, "simple (password)", Kind::secret, {}, "ldap.bind.simple"},
    {0xa3, "sasl", Kind::sequence, list_of(kSaslCredentials), "ldap.bind.sasl"},
};

/*  ExtendedRequest ::= [APPLICATION 23] SEQUENCE { requestName [0] LDAPOID,
        requestValue [1] OCTET STRING OPTIONAL }                                                  */
constexpr Member kExtendedRequest[] = {
    {0x80, "requestName", Kind::oid_text, {}, "ldap.extended.request_name"},
    {0x81, "requestValue", Kind::opaque, {}, "ldap.extended.request_value"},
};

/*  ExtendedResponse ::= [APPLICATION 24] SEQUENCE { COMPONENTS OF LDAPResult,
        responseName [10] LDAPOID OPTIONAL, responseValue [11] OCTET STRING OPTIONAL }           */
constexpr Member kExtendedResponse[] = {
    {0x0a, "resultCode", Kind::result_code, {}, "ldap.result_code"},
    {0x04, "matchedDN", Kind::text, {}, "ldap.matched_dn"},
    {0x04, "diagnosticMessage", Kind::text, {}, "ldap.diagnostic_message"},
    {0xa3, "referral", Kind::sequence, {}, "ldap.referral"},
    {0x8a, "responseName", Kind::oid_text, {}, "ldap.extended.response_name"},
    {0x8b, "responseValue", Kind::opaque, {}, "ldap.extended.response_value"},
};

/*  LDAPMessage ::= SEQUENCE { messageID MessageID, protocolOp CHOICE { ... },
        controls [0] Controls OPTIONAL }                                                          */
constexpr Member kLdapMessage[] = {
    {0x02, "messageID", Kind::integer, {}, "ldap.message_id"},
    {0x60, "BindRequest", Kind::sequence, list_of(kBindRequest), "ldap.bind_request"},
    {0x61, "BindResponse", Kind::sequence, list_of(kBindResponse), "ldap.bind_response"},
    {0x42, "UnbindRequest", Kind::null, {}, "ldap.unbind_request"},
    {0x77, "ExtendedRequest", Kind::sequence, list_of(kExtendedRequest), "ldap.extended_request"},
    {0x78, "ExtendedResponse", Kind::sequence, list_of(kExtendedResponse), "ldap.extended_response"},
    {0xa0, "controls", Kind::sequence, {}, "ldap.controls"},
};

constexpr Member kRoot = {0x30, "LDAPMessage", Kind::sequence, list_of(kLdapMessage), "ldap.message"};

// LDAPResult resultCode (RFC 4511 §4.1.9), the ones a learner is likely to meet.
constexpr CodeName kResultCodes[] = {
    {0, "success"},
    {1, "operationsError"},
    {2, "protocolError"},
    {7, "authMethodNotSupported"},
    {8, "strongerAuthRequired"},
    {13, "confidentialityRequired"},
    {32, "noSuchObject"},
    {34, "invalidDNSyntax"},
    {48, "inappropriateAuthentication"},
    {49, "invalidCredentials"},
    {50, "insufficientAccessRights"},
    {52, "unavailable"},
    {53, "unwillingToPerform"},
    {80, "other"},
};

struct OidName {
  const char* oid;
  const char* name;
};
constexpr OidName kExtendedOps[] = {
    {"1.3.6.1.4.1.1466.20037", "StartTLS"},
    {"1.3.6.1.4.1.4203.1.11.1", "Password Modify"},
    {"1.3.6.1.4.1.4203.1.11.3", "Who am I?"},
};

// INTEGER / ENUMERATED contents (X.690 §8.3): two's complement, at most 4 octets here.
bool integer_value(std::span<const std::uint8_t> bytes, std::int64_t& out_value) {
  if (bytes.empty() || bytes.size() > 4) return false;
  std::int64_t value = (bytes[0] & 0x80) ? -1 : 0;
  for (auto byte : bytes) value = value * 256 + byte;
  out_value = value;
  return true;
}

std::string display_value(Kind kind, std::span<const std::uint8_t> bytes, bool& out_ok) {
  out_ok = true;
  std::int64_t number = 0;
  switch (kind) {  // one display rule per kind
    case Kind::integer:
      out_ok = integer_value(bytes, number);
      return out_ok ? std::to_string(number) : to_hex(bytes);
    case Kind::result_code: {
      out_ok = integer_value(bytes, number);
      if (!out_ok) return to_hex(bytes);
      const char* name = number >= 0 ? find_name(kResultCodes, static_cast<std::uint32_t>(number)) : nullptr;
      return std::to_string(number) + (name ? std::string(" (") + name + ")" : "");
    }
    case Kind::text:
    case Kind::secret: return quoted_ascii(bytes);
    case Kind::oid_text: {
      std::string oid(bytes.begin(), bytes.end());
      for (const auto& row : kExtendedOps)
        if (oid == row.oid) return quoted_ascii(bytes) + " (" + row.name + ")";
      return quoted_ascii(bytes);
    }
    case Kind::null:
      out_ok = bytes.empty();
      return out_ok ? "NULL" : "NULL with " + byte_count(bytes.size());
    case Kind::sequence:
    case Kind::opaque: return to_hex(bytes);
  }
  return to_hex(bytes);
}

// An element the schema does not know: named by its identifier octet.
std::string generic_name(std::uint8_t tag) {
  static const char* const kClasses[] = {"UNIVERSAL", "APPLICATION", "", "PRIVATE"};
  std::string number = std::to_string(tag & 0x1f);
  if ((tag >> 6) == 2) return "[" + number + "]";
  return std::string(kClasses[tag >> 6]) + " " + number;
}

// LDAP forbids the indefinite length form (RFC 4511 §5.1: "Only the definite form of length encoding is used").
const char* const kIndefiniteLength = "indefinite length (0x80): LDAP allows only the definite form (RFC 4511 §5.1)";

// Picks the schema member for a tag: the first at or after `next` with that tag.
const Member* match_member(MemberList members, std::size_t& next, std::uint8_t tag) {
  for (std::size_t i = next; i < members.num_items; ++i) {
    if (members.items[i].tag != tag) continue;
    next = i + 1;
    return &members.items[i];
  }
  return nullptr;
}

void decode_element(Cursor& c, FieldList& out, const Member* member, int depth);

// The members of a constructed element, each matched against the schema in order.
void decode_members(Cursor& body, Field& node, MemberList members, int depth) {
  std::size_t next = 0;
  while (!body.empty()) {
    const Member* member = match_member(members, next, body.rest()[0]);
    decode_element(body, node.children, member, depth + 1);
  }
}

// A primitive element's value: shown per its kind, malformed when the kind's rules fail.
void add_primitive_value(Cursor& body, Field& node, const Member* member) {
  bool ok = true;
  node.value = display_value(member ? member->kind : Kind::opaque, body.rest(), ok);
  std::size_t value_start = body.offset();
  auto value = body.take_rest();
  Field leaf = make_leaf("value", node.value, value_start, value.size(), node.explain);
  if (!ok) {
    leaf.malformed = true;
    leaf.error = "not a valid " + node.name + " value";
  }
  node.children.push_back(std::move(leaf));
}

/*  TLV: identifier octet, length octets, contents (X.690 §8.1) */
void decode_element(Cursor& c, FieldList& out, const Member* member, int depth) {
  if (depth >= kMaxDepth) return add_malformed(c, out, "element", "nesting deeper than " + std::to_string(kMaxDepth));
  std::size_t start = c.offset();
  std::uint8_t tag = 0;
  if (!c.u8(tag)) return add_malformed(c, out, "element", "expected an identifier octet");
  bool constructed = (tag & 0x20) != 0;
  Field& node = add_node(out, member ? member->name : generic_name(tag), "", start, 1,
                         member ? member->key : "ldap.element");
  node.children.push_back(make_leaf("tag", hex_code(tag, 1) + (constructed ? " (constructed)" : " (primitive)"),
                                    start, 1, "ber.tag"));
  if ((tag & 0x1f) == 0x1f) {
    add_malformed(c, node.children, "tag", "multi-byte tag numbers are not used by LDAP");
    return close_node(node, c);
  }
  std::size_t length_start = c.offset();
  std::uint32_t len = 0;
  std::string error;
  Cursor probe = c;
  if (!read_definite_length(probe, len, error, kIndefiniteLength)) {
    add_malformed(c, node.children, "length", error + " at offset " + std::to_string(length_start));
    return close_node(node, c);
  }
  (void)c.skip(probe.offset() - length_start);
  Field length = make_leaf("length", std::to_string(len), length_start, c.offset() - length_start, "ber.length");
  Cursor body{std::span<const std::uint8_t>{}};
  if (!c.sub(len, body)) {
    length.malformed = true;
    length.error = "the value claims " + std::to_string(len) + " bytes but only " + std::to_string(c.remaining()) +
                   " remain; decoding what is there";
    (void)c.sub(c.remaining(), body);
  }
  node.children.push_back(std::move(length));
  if (constructed) {
    node.value = byte_count(len);
    decode_members(body, node, member ? member->members : MemberList{}, depth);
  } else {
    add_primitive_value(body, node, member);
  }
  close_node(node, c);
}

// "BindRequest, messageID 2": the root's one-line summary.
std::string summary(const Field& root) {
  std::string op, id;
  for (const auto& child : root.children) {
    if (child.name == "messageID") id = child.value;
    else if (child.name != "tag" && child.name != "length" && op.empty()) op = child.name;
  }
  if (op.empty()) return root.value;
  return op + (id.empty() ? "" : ", messageID " + id);
}

}  // namespace

void decode_ldap_message(Cursor& c, std::vector<Field>& out) {
  if (c.empty()) return add_malformed(c, out, "LDAPMessage", "expected an LDAPMessage, got no bytes");
  bool is_sequence = c.rest()[0] == kRoot.tag;
  decode_element(c, out, is_sequence ? &kRoot : nullptr, 0);
  if (!is_sequence) {
    out.back().malformed = true;
    out.back().error = "an LDAPMessage starts with a SEQUENCE (0x30)";
    return;
  }
  out.back().value = summary(out.back());
}

std::vector<Field> decode_ldap_message(std::span<const std::uint8_t> bytes) {
  std::vector<Field> out;
  Cursor c(bytes);
  decode_ldap_message(c, out);
  (void)expect_end(c, out, "the LDAPMessage");
  return out;
}

std::vector<Field> decode_ber_message(std::span<const std::uint8_t> bytes) { return decode_ldap_message(bytes); }

}  // namespace hl::wire
