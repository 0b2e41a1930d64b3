// Checks on one connection of a multi-connection run (resumption, 0-RTT, replay): the flow it
// follows in the flows table, and how many of its records carry a message.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstddef>
#include <string>

#include "core/model/flows.hpp"
#include "core/model/transcript.hpp"

namespace hl::test {

/// Connection `connection` of the run follows flow `id` from its first record to its last.
inline void check_follows(const Transcript& t, int connection, flows::FlowId id) {
  const flows::Match match = flows::pick(t, connection);
  REQUIRE(match.flow != nullptr);
  CHECK(std::string(match.flow->name) == flows::flow(id).name);
  CHECK_FALSE(match.unexpected);
  CHECK(match.complete);
  CHECK(match.rows.size() == flows::messages_of(t, connection).size());
}

/// How many steps of connection `connection` carry a handshake message of `type`.
inline std::size_t num_carrying(const Transcript& t, int connection, HandshakeType type) {
  return static_cast<std::size_t>(std::count_if(t.steps.begin(), t.steps.end(), [&](const Step& step) {
    return step.connection == connection && carries(step, type);
  }));
}

}  // namespace hl::test
