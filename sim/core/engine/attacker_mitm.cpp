// The terminating man in the middle: Mallory's two endpoints, the relay between them, and
// the two pumps (one per connection) driven in turns under one bound on rounds.
#include "core/engine/attacker_mitm.hpp"

#include <algorithm>
#include <array>
#include <deque>

#include "core/engine/attacker.hpp"
#include "core/engine/event_groups.hpp"
#include "core/engine/key_capture.hpp"
#include "core/engine/pump.hpp"
#include "core/wire/fields.hpp"

namespace hl {
namespace {

// Mallory's keys come from a seed of their own ("Mallory" in ASCII), so a seeded run is
// repeatable and her key is never the server's.
constexpr std::uint64_t kMalloryStream = 0x4D616C6C6F7279;

// What Mallory last saw one real party send, so she can name what she relays and tie what
// she read to the step that carried it.
struct LastSeen {
  std::size_t step = 0;
  std::string unit;        // the protocol's name for the unit ("GET /", "LOGIN")
  bool protected_ = false; // it came inside TLS: she decrypted it
};

// Turns what reaches her endpoints into the report's `read` notes.
class Reader {
 public:
  void saw(const Step& step, std::size_t number) {
    if (step.kind == StepKind::event || step.app_unit.empty()) return;
    last_[static_cast<std::size_t>(step.from)] = {number, step.app_unit, step.is_protected};
  }

  // `from` is the real party whose bytes reached her; returns the unit to relay on.
  AppUnit read(Side from, std::span<const std::uint8_t> bytes) {
    const LastSeen& seen = last_[static_cast<std::size_t>(from)];
    if (seen.protected_)
      notes_.push_back({seen.step, std::string("decrypted what the ") + side_name(from) +
                                       " sent her, inside TLS: " + wire::escaped_text(bytes)});
    return AppUnit{Bytes(bytes.begin(), bytes.end()), seen.unit};
  }

  const std::vector<AttackerNote>& notes() const { return notes_; }

 private:
  std::array<LastSeen, 2> last_;
  std::vector<AttackerNote> notes_;
};

// One end of the relay: the protocol peer of Mallory's endpoint on one connection. What the
// party it faces sends arrives here and is queued on the other end, to go out on the other
// connection unchanged. She switches to TLS when the party she faces does (the STARTTLS
// exchange she relays tells her when), and is done when the far party is.
class RelayEnd final : public ProtocolPeer {
 public:
  RelayEnd(Reader& reader, Side faces, const ProtocolPeer& faced, const ProtocolPeer& far)
      : reader_(reader), faces_(faces), faced_(faced), far_(far) {}
  void pair_with(RelayEnd& other) { other_ = &other; }

  std::vector<AppUnit> take_output() override {
    std::vector<AppUnit> units(std::make_move_iterator(queue_.begin()), std::make_move_iterator(queue_.end()));
    queue_.clear();
    return units;
  }
  void receive(std::span<const std::uint8_t> bytes) override { other_->queue_.push_back(reader_.read(faces_, bytes)); }
  bool wants_tls() const override { return faced_.wants_tls(); }
  bool finished() const override { return queue_.empty() && far_.finished(); }

 private:
  Reader& reader_;
  Side faces_;
  const ProtocolPeer& faced_;
  const ProtocolPeer& far_;
  RelayEnd* other_ = nullptr;
  std::deque<AppUnit> queue_;
};

std::string common_name(const X509_NAME* name) {
  char text[256] = {};
  if (X509_NAME_get_text_by_NID(const_cast<X509_NAME*>(name), NID_commonName, text, sizeof text) < 0) return "?";
  return text;
}

// What she changed: the certificate the client sees is hers.
std::string certificate_note(const Chain& chain, const Scenario& scenario) {
  return "answered the client with her own certificate for " + common_name(X509_get_subject_name(chain.leaf.get())) +
         ", issued by her own CA '" + common_name(X509_get_issuer_name(chain.leaf.get())) + "'" +
         (scenario.attack == Attack::mitm_clickthrough
              ? ": the client does not check it (the user clicked through the warning)"
              : ": the client checks it against the CAs it trusts");
}

// The first unit she relays is where her relay shows: every unit from then on is decrypted
// with one connection's keys and encrypted again with the other's, its bytes unchanged.
constexpr const char* kRelayNote =
    "relays every unit between her two connections: decrypted with the keys she shares with one side, encrypted "
    "again with the keys she shares with the other; the application bytes themselves pass unchanged";

}  // namespace

bool terminates_tls(const Scenario& scenario) {
  return scenario.attack == Attack::mitm || scenario.attack == Attack::mitm_clickthrough;
}

Scenario mallory_certificate_scenario(const Scenario& scenario) {
  Scenario mallory = scenario;
  mallory.cert.fault = CertFault::unknown_ca;  // a root of her own, named so that no client trusts it
  mallory.cert.intermediate = false;           // her CA signs the leaf itself, as interception proxies do
  if (scenario.seed) mallory.seed = *scenario.seed ^ kMalloryStream;
  return mallory;
}

bool run_mitm(const Scenario& scenario, const EngineOptions& options, EndpointPair& real,
              std::shared_ptr<const ContextPair> mallory_contexts, Transcript& out, std::string& out_error) {
  // Her server speaks with her certificate; her client uses the real client's settings and
  // trust store: toward the server she is an ordinary client.
  Endpoint toward_client(Side::server);
  Endpoint toward_server(Side::client);
  if (!make_endpoint(scenario, *mallory_contexts, toward_client, out_error) ||
      !make_endpoint(scenario, *real.contexts, toward_server, out_error))
    return false;
  toward_client.capture.speak_as("Mallory");
  toward_server.capture.speak_as("Mallory");
  if (scenario.attack == Attack::mitm_clickthrough) {
    SSL* client = real.client.ssl.get();  // the check still runs and is recorded; its result is ignored
    SSL_set_verify(client, SSL_VERIFY_NONE, SSL_get_verify_callback(client));
  }

  Reader reader;
  RelayEnd near_end(reader, Side::client, *real.client.peer, *real.server.peer);
  RelayEnd far_end(reader, Side::server, *real.server.peer, *real.client.peer);
  near_end.pair_with(far_end);
  far_end.pair_with(near_end);
  toward_client.peer = &near_end;
  toward_server.peer = &far_end;

  Attacker observer(scenario, out);  // the ClientHello's server name and every line in the clear
  AttackerReport report{true, {}, {}};
  bool relay_noted = false;
  EngineOptions hooked = options;
  hooked.intervene = [&](Step& step) {
    if (options.intervene && options.intervene(step) == Delivery::drop) return Delivery::drop;
    const std::size_t number = grouped_number(out.steps, step);
    if (step.from != Side::attacker) {
      reader.saw(step, number);
      return observer.intervene(step);
    }
    if (step.to == Side::client && carries(step, HandshakeType::certificate))
      report.changed.push_back({number, certificate_note(*mallory_contexts->chain, scenario)});
    if (!relay_noted && step.is_protected && !step.app_unit.empty()) {
      relay_noted = true;
      report.changed.push_back({number, kRelayNote});
    }
    return Delivery::deliver;
  };

  Pump near(real.client, toward_client, scenario.protocol, hooked, out, Link{1, Side::client, Side::attacker, true});
  Pump far(toward_server, real.server, scenario.protocol, hooked, out, Link{2, Side::attacker, Side::server, false});
  // Implicit TLS: she opens her connection to the server once the client has accepted her
  // (a client that refuses her certificate gives her nothing to relay). STARTTLS and plain
  // ports: from the start, since the dialogue in the clear has to pass through her.
  bool far_open = scenario.mode != PortMode::implicit_tls;
  bool settled = false;
  for (std::size_t round = 0; round < options.max_rounds && !settled; ++round) {
    const bool near_moved = near.round();
    far_open = far_open || SSL_is_init_finished(toward_client.ssl.get());
    const bool far_moved = far_open && far.round();
    settled = !near_moved && !far_moved;
  }
  if (!settled) near.stop_at_bound();
  near.finish();
  if (far_open) far.finish();
  // Each connection's keys, as on any run: on connection 1 Mallory's server is the server, on connection 2 her client is the client.
  out.keys = captured_keys(real.client, toward_client, mallory_contexts->leaf_key.get(), 1);
  if (far_open) out.later_keys = {captured_keys(toward_server, real.server, real.contexts->leaf_key.get(), 2)};

  const AttackerReport& observed = observer.report();
  report.read = observed.read;
  report.read.insert(report.read.end(), reader.notes().begin(), reader.notes().end());
  report.changed.insert(report.changed.end(), observed.changed.begin(), observed.changed.end());
  auto by_step = [](const AttackerNote& a, const AttackerNote& b) { return a.step < b.step; };
  std::stable_sort(report.read.begin(), report.read.end(), by_step);
  std::stable_sort(report.changed.begin(), report.changed.end(), by_step);
  out.attacker = std::move(report);
  return true;
}

}  // namespace hl
