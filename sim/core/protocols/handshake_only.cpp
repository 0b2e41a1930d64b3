// "tls": no application protocol at all. The client says nothing and is done as soon as the
// handshake is (its first chance to speak), so a probe that only needs the server's hello
// and certificate (the audit's probes) never waits for an answer a server may not give.
#include "core/protocols/peer.hpp"

namespace hl {
namespace {

class HandshakeOnlyPeer final : public ProtocolPeer {
 public:
  std::vector<AppUnit> take_output() override {
    done_ = true;  // asked to speak only once the handshake is over (or on a plaintext port)
    return {};
  }
  void receive(std::span<const std::uint8_t>) override {}
  bool wants_tls() const override { return true; }
  bool finished() const override { return done_; }

 private:
  bool done_ = false;
};

}  // namespace

/// Both peers of the handshake-only "protocol".
Dialogue make_handshake_only_dialogue(const PeerConfig&) {
  return Dialogue{std::make_unique<HandshakeOnlyPeer>(), std::make_unique<HandshakeOnlyPeer>()};
}

}  // namespace hl
