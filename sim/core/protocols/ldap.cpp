// LDAP client and server state machines over BER (see ldap.hpp).
#include "core/protocols/ldap.hpp"

#include <algorithm>
#include <string>

#include "core/protocols/account.hpp"
#include "core/protocols/ber_codec.hpp"
#include "core/protocols/line_peer.hpp"

namespace hl {
namespace {

struct LdapSetup {
  PortMode mode = PortMode::starttls;
  bool client_upgrades = true;
  bool require_tls = true;           // the client unbinds when StartTLS fails
  bool server_keeps_buffer = false;  // the server's bug: it runs what arrived with StartTLS inside TLS
};

// LDAPResult resultCode values used here (RFC 4511 §4.1.9).
enum ResultCode : int { kSuccess = 0, kProtocolError = 2, kInvalidCredentials = 49, kUnavailable = 52 };

struct ResultName {
  int code;
  const char* name;
};
constexpr ResultName kResultNames[] = {
    {kSuccess, "success"}, {kProtocolError, "protocolError"}, {kInvalidCredentials, "invalidCredentials"},
    {kUnavailable, "unavailable"}};

std::string result_name(std::int64_t code) {
  auto* row = std::find_if(std::begin(kResultNames), std::end(kResultNames), [&](auto& r) { return r.code == code; });
  return row == std::end(kResultNames) ? "result " + std::to_string(code) : row->name;
}

std::span<const std::uint8_t> as_bytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

std::string as_text(std::span<const std::uint8_t> bytes) { return std::string(bytes.begin(), bytes.end()); }

// Every LDAP unit is one whole LDAPMessage TLV.
std::size_t ber_message_len(std::string_view inbox) {
  ber::Tlv message;
  return ber::read_tlv(as_bytes(inbox), message) ? message.total_len : 0;
}

// The parts of a received LDAPMessage the peers act on.
struct Message {
  std::int64_t id = 0;
  ber::Tlv op;
};

bool split_message(std::string_view unit, Message& out_message) {
  ber::Tlv message, id;
  if (!ber::read_tlv(as_bytes(unit), message) || message.tag != ber::kSequence) return false;
  if (!ber::read_tlv(message.value, id) || id.tag != ber::kInteger || !ber::read_int(id.value, out_message.id))
    return false;
  return ber::read_tlv(message.value.subspan(id.total_len), out_message.op);
}

// The LDAPResult's resultCode: the first element of a response's value.
std::int64_t result_code(const ber::Tlv& op) {
  ber::Tlv code;
  std::int64_t value = -1;
  if (ber::read_tlv(op.value, code) && code.tag == ber::kEnumerated && ber::read_int(code.value, value)) return value;
  return -1;
}

// ---- client -------------------------------------------------------------------------

class LdapClient final : public LinePeer {
 public:
  explicit LdapClient(LdapSetup setup) : LinePeer(setup.mode), setup_(setup) {
    // LDAP clients speak first: StartTLS when upgrading, else straight to the bind.
    if (setup_.client_upgrades) {
      send_start_tls();
    } else {
      send_bind();
    }
  }

 private:
  enum class State { start_tls, bind, done };

  std::size_t complete_unit_len(std::string_view inbox) const override { return ber_message_len(inbox); }

  void on_unit(std::string_view unit) override {
    Message reply;
    if (!split_message(unit, reply)) return send_unbind();
    std::int64_t code = result_code(reply.op);
    if (state_ == State::start_tls && reply.op.tag == ber::kExtendedResponse && code == kSuccess) return upgrade();
    if (state_ == State::start_tls) return without_tls(result_name(code));
    send_unbind();  // after the bind response, or after anything unexpected
  }

  // StartTLS failed: a client that requires TLS unbinds; an opportunistic one binds in the clear.
  void without_tls(const std::string& result) {
    if (!setup_.require_tls) return send_bind();
    refuse_without_tls("The client requires TLS and the server answered StartTLS with " + result +
                       ", so it unbinds before sending its password.");
    send_unbind();
  }

  void send_start_tls() {
    state_ = State::start_tls;
    send_bytes(ldap_message(next_id(), ber::tlv(ber::kExtendedRequest, ber::tlv_text(ber::kRequestName, ber::kStartTlsOid))),
             "LDAP StartTLS request");
  }

  void upgrade() {
    start_tls();
    send_bind();
  }

  // BindRequest ::= [APPLICATION 0] SEQUENCE { version INTEGER, name LDAPDN, authentication simple [0] }
  void send_bind() {
    state_ = State::bind;
    Bytes op = ber::tlv(ber::kBindRequest, ber::concat({ber::tlv_int(ber::kInteger, 3),
                                                        ber::tlv_text(ber::kOctetString, account::kLdapDn),
                                                        ber::tlv_text(ber::kSimpleAuth, account::kPassword)}));
    send_bytes(ldap_message(next_id(), op), "LDAP bind request");
  }

  // UnbindRequest ::= [APPLICATION 2] NULL; there is no response, the client just closes.
  void send_unbind() {
    state_ = State::done;
    send_bytes(ldap_message(next_id(), ber::tlv(ber::kUnbindRequest, {})), "LDAP unbind request");
    finish();
  }

  int next_id() { return ++num_messages_; }

  LdapSetup setup_;
  State state_ = State::bind;
  int num_messages_ = 0;
};

// ---- server -------------------------------------------------------------------------

class LdapServer final : public LinePeer {
 public:
  explicit LdapServer(LdapSetup setup) : LinePeer(setup.mode, setup.server_keeps_buffer), setup_(setup) {}

 private:
  using Handler = void (LdapServer::*)(std::int64_t id, const ber::Tlv& op);
  struct Operation {
    std::uint8_t tag;
    Handler handle;
  };

  std::size_t complete_unit_len(std::string_view inbox) const override { return ber_message_len(inbox); }

  void on_unit(std::string_view unit) override {
    static constexpr Operation kOperations[] = {
        {ber::kExtendedRequest, &LdapServer::on_extended},
        {ber::kBindRequest, &LdapServer::on_bind},
        {ber::kUnbindRequest, &LdapServer::on_unbind},
    };
    Message request;
    if (!split_message(unit, request)) return finish();  // not an LDAPMessage: drop the connection
    auto* op = std::find_if(std::begin(kOperations), std::end(kOperations), [&](auto& o) { return o.tag == request.op.tag; });
    if (op == std::end(kOperations)) return finish();
    (this->*op->handle)(request.id, request.op);
  }

  // ExtendedRequest ::= [APPLICATION 23] SEQUENCE { requestName [0] LDAPOID, requestValue [1] OPTIONAL }
  void on_extended(std::int64_t id, const ber::Tlv& op) {
    ber::Tlv name;
    bool is_start_tls = ber::read_tlv(op.value, name) && name.tag == ber::kRequestName && as_text(name.value) == ber::kStartTlsOid;
    bool allowed = is_start_tls && setup_.mode == PortMode::starttls && !tls_active();
    int code = allowed ? kSuccess : is_start_tls ? kUnavailable : kProtocolError;
    // RFC 4511 §4.14.2: the StartTLS response carries the same OID as its responseName.
    Bytes result = ber::concat({ber::tlv_int(ber::kEnumerated, code), ber::tlv(ber::kOctetString, {}),
                                ber::tlv(ber::kOctetString, {}), ber::tlv_text(ber::kResponseName, ber::kStartTlsOid)});
    send_bytes(ldap_message(static_cast<int>(id), ber::tlv(ber::kExtendedResponse, result)),
             "LDAP StartTLS response (" + result_name(code) + ")");
    if (!allowed) return;
    start_tls();
  }

  // A simple bind is accepted in the clear too (the default of common servers unless told to
  // require TLS, RFC 4513 §6.3.1): that is why starttls=off leaks the password.
  void on_bind(std::int64_t id, const ber::Tlv& op) {
    ber::Tlv version, name, auth;
    std::span<const std::uint8_t> rest = op.value;
    bool parsed = ber::read_tlv(rest, version) && ber::read_tlv(rest = rest.subspan(version.total_len), name) &&
                  ber::read_tlv(rest.subspan(name.total_len), auth);
    bool ok = parsed && auth.tag == ber::kSimpleAuth && as_text(name.value) == account::kLdapDn &&
              as_text(auth.value) == account::kPassword;
    int code = ok ? kSuccess : kInvalidCredentials;
    Bytes result = ber::concat({ber::tlv_int(ber::kEnumerated, code), ber::tlv(ber::kOctetString, {}),
                                ber::tlv(ber::kOctetString, {})});
    send_bytes(ldap_message(static_cast<int>(id), ber::tlv(ber::kBindResponse, result)),
             "LDAP bind response (" + result_name(code) + ")");
  }

  void on_unbind(std::int64_t, const ber::Tlv&) { finish(); }

  LdapSetup setup_;
};

}  // namespace

Bytes ldap_message(int message_id, const Bytes& protocol_op) {
  return ber::tlv(ber::kSequence, ber::concat({ber::tlv_int(ber::kInteger, message_id), protocol_op}));
}

Dialogue make_ldap_dialogue(const PeerConfig& config) {
  LdapSetup setup{config.mode, config.mode == PortMode::starttls && config.starttls,
                  config.tls_policy == TlsPolicy::require_tls, config.server_keeps_buffer};
  return {std::make_unique<LdapClient>(setup), std::make_unique<LdapServer>(setup)};
}

}  // namespace hl
