// The flows table and its matcher on hand-made message sequences: each flow's own run,
// picking between flows, the first unexpected message, alerts, what comes next, flights.
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/model/flows.hpp"
#include "core/model/record_layer.hpp"

using namespace hl;
using namespace hl::flows;

namespace {

using H = HandshakeType;

Message hs(Side from, HandshakeType type) { return {from, record::kHandshake, type, 0}; }
Message ccs(Side from) { return {from, record::kChangeCipherSpec, std::nullopt, 0}; }
Message data(Side from) { return {from, record::kApplicationData, std::nullopt, 0}; }
Message alert(Side from) { return {from, record::kAlert, std::nullopt, 0}; }

constexpr Side C = Side::client, S = Side::server;

// What OpenSSL sends for each flow (TLS 1.3 in middlebox compatibility mode).
const std::vector<Message> kTls13Full = {
    hs(C, H::client_hello),     hs(S, H::server_hello),     ccs(S),
    hs(S, H::encrypted_extensions), hs(S, H::certificate),  hs(S, H::certificate_verify),
    hs(S, H::finished),         ccs(C),                     hs(C, H::finished),
    hs(S, H::new_session_ticket), hs(S, H::new_session_ticket), data(C), data(S)};

const std::vector<Message> kTls13HelloRetry = {
    hs(C, H::client_hello), hs(S, H::hello_retry_request), ccs(S), ccs(C), hs(C, H::client_hello),
    hs(S, H::server_hello), hs(S, H::encrypted_extensions), hs(S, H::certificate), hs(S, H::certificate_verify),
    hs(S, H::finished),     hs(C, H::finished),            data(C), data(S)};

const std::vector<Message> kTls13Resumed = {hs(C, H::client_hello),       hs(S, H::server_hello),
                                            ccs(S),                       hs(S, H::encrypted_extensions),
                                            hs(S, H::finished),           ccs(C),
                                            hs(C, H::finished),           hs(S, H::new_session_ticket),
                                            data(C),                      data(S)};

// 0-RTT: OpenSSL sends the compatibility ChangeCipherSpec right behind the ClientHello, then the early data.
const std::vector<Message> kTls13EarlyData = {hs(C, H::client_hello),       ccs(C),
                                              data(C),                      hs(S, H::server_hello),
                                              ccs(S),                       hs(S, H::encrypted_extensions),
                                              hs(S, H::finished),           hs(C, H::end_of_early_data),
                                              hs(C, H::finished),           hs(S, H::new_session_ticket),
                                              data(S)};
const std::vector<Message> kTls13EarlyDataRejected = {hs(C, H::client_hello),       ccs(C),
                                                      data(C),                      hs(S, H::server_hello),
                                                      ccs(S),                       hs(S, H::encrypted_extensions),
                                                      hs(S, H::finished),           hs(C, H::finished),
                                                      hs(S, H::new_session_ticket), data(C),
                                                      data(S)};

const std::vector<Message> kTls12Ecdhe = {
    hs(C, H::client_hello),     hs(S, H::server_hello),       hs(S, H::certificate),
    hs(S, H::server_key_exchange), hs(S, H::server_hello_done), hs(C, H::client_key_exchange),
    ccs(C),                     hs(C, H::finished),           hs(S, H::new_session_ticket),
    ccs(S),                     hs(S, H::finished),           data(C), data(S)};

const std::vector<Message> kTls12Rsa = {
    hs(C, H::client_hello), hs(S, H::server_hello), hs(S, H::certificate), hs(S, H::server_hello_done),
    hs(C, H::client_key_exchange), ccs(C), hs(C, H::finished), ccs(S), hs(S, H::finished), data(C), data(S)};

const std::vector<Message> kTls12Abbreviated = {hs(C, H::client_hello), hs(S, H::server_hello), ccs(S),
                                                hs(S, H::finished),     ccs(C),                 hs(C, H::finished),
                                                data(C)};

std::vector<HandshakeType> types_of(const std::vector<Row>& rows) {
  std::vector<HandshakeType> types;
  for (const auto& row : rows)
    if (row.type) types.push_back(*row.type);
  return types;
}

}  // namespace

TEST_CASE("flows: each flow's own run matches it completely, and pick finds it") {
  struct Case {
    const std::vector<Message>* run;
    FlowId id;
    std::uint16_t version;
  };
  const Case cases[] = {
      {&kTls13Full, FlowId::tls13_full, record::kTls13},
      {&kTls13HelloRetry, FlowId::tls13_hello_retry, record::kTls13},
      {&kTls13Resumed, FlowId::tls13_resumed, record::kTls13},
      {&kTls13EarlyData, FlowId::tls13_early_data, record::kTls13},
      {&kTls13EarlyDataRejected, FlowId::tls13_early_data_rejected, record::kTls13},
      {&kTls12Ecdhe, FlowId::tls12_ecdhe, record::kTls12},
      {&kTls12Rsa, FlowId::tls12_rsa, record::kTls12},
      {&kTls12Abbreviated, FlowId::tls12_abbreviated, record::kTls12},
  };
  for (const auto& c : cases) {
    INFO(flow(c.id).name);
    Match own = match(flow(c.id), *c.run);
    CHECK(own.complete);
    CHECK_FALSE(own.unexpected);
    CHECK_FALSE(own.alert);
    CHECK(own.rows.size() == c.run->size());
    for (std::uint16_t version : {c.version, std::uint16_t{0}}) {
      Match picked = pick(*c.run, version);
      REQUIRE(picked.flow != nullptr);
      CHECK(picked.flow->id == c.id);
    }
  }
}

TEST_CASE("flows: the table's shape") {
  for (const Flow& f : all_flows()) {
    INFO(f.name);
    CHECK(&flow(f.id) == &f);
    REQUIRE_FALSE(f.rows.empty());
    CHECK(f.rows.front().type == HandshakeType::client_hello);
    std::uint8_t last_flight = 1;
    std::vector<Message> required_only;
    for (const auto& row : f.rows) {
      CHECK(row.flight >= last_flight);  // flights never go back
      CHECK(row.flight <= f.flights.size());
      CHECK(row.type.has_value() == (row.content_type == record::kHandshake));
      last_flight = row.flight;
      if (row.need == Need::required)
        required_only.push_back({row.from == Sender::server ? S : C, row.content_type, row.type, 0});
    }
    CHECK(last_flight == f.flights.size());
    // The required rows alone are a complete run of the flow.
    Match minimal = match(f, required_only);
    CHECK(minimal.complete);
    CHECK_FALSE(minimal.unexpected);
  }
}

TEST_CASE("flows: the first message no flow expects is marked, and matching stops there") {
  // Mallory swaps the order: a Certificate before EncryptedExtensions.
  std::vector<Message> run = {hs(C, H::client_hello), hs(S, H::server_hello), hs(S, H::certificate),
                              hs(S, H::encrypted_extensions)};
  Match m = pick(run, record::kTls13);
  REQUIRE(m.flow != nullptr);
  CHECK(m.flow->id == FlowId::tls13_full);
  REQUIRE(m.unexpected);
  CHECK(*m.unexpected == 2);
  CHECK(m.rows.size() == 2);
  CHECK_FALSE(m.complete);

  // A second ClientHello where the server's answer belongs.
  Match twice = match(flow(FlowId::tls12_ecdhe), std::vector<Message>{hs(C, H::client_hello), hs(C, H::client_hello)});
  REQUIRE(twice.unexpected);
  CHECK(*twice.unexpected == 1);

  // A required message left out: the next one is unexpected.
  std::vector<Message> no_finished = kTls12Rsa;
  no_finished.erase(no_finished.begin() + 6);  // the client's Finished
  Match skipped = match(flow(FlowId::tls12_rsa), no_finished);
  REQUIRE(skipped.unexpected);
  CHECK(*skipped.unexpected == 6);
}

TEST_CASE("flows: an alert ends the run without being unexpected") {
  std::vector<Message> run = {hs(C, H::client_hello), hs(S, H::server_hello), ccs(S),
                              hs(S, H::encrypted_extensions), hs(S, H::certificate), alert(C)};
  Match m = pick(run, record::kTls13);
  CHECK(m.flow->id == FlowId::tls13_full);
  CHECK_FALSE(m.unexpected);
  REQUIRE(m.alert);
  CHECK(*m.alert == 5);
  CHECK_FALSE(m.complete);

  Match refused = pick(std::vector<Message>{hs(C, H::client_hello), alert(S)}, record::kTls12);
  CHECK(refused.flow->version == record::kTls12);  // the record version breaks the tie
  CHECK(pick(std::vector<Message>{}, 0).flow == nullptr);
}

TEST_CASE("flows: after-handshake messages come in any order; the rest in table order") {
  std::vector<Message> run = kTls13Full;
  run.insert(run.end(), {data(C), hs(S, H::new_session_ticket), hs(C, H::key_update), data(S)});
  Match m = match(flow(FlowId::tls13_full), run);
  CHECK_FALSE(m.unexpected);
  CHECK(m.complete);

  std::vector<Message> swapped = kTls12Ecdhe;
  std::swap(swapped[2], swapped[3]);  // ServerKeyExchange before Certificate
  CHECK(match(flow(FlowId::tls12_ecdhe), swapped).unexpected == std::optional<std::size_t>(2));
}

TEST_CASE("flows: what comes next") {
  Match m = match(flow(FlowId::tls13_full), kTls13Full);
  CHECK(types_of(next_rows(m, 0)) == std::vector<HandshakeType>{H::client_hello});
  CHECK(types_of(next_rows(m, 1)) == std::vector<HandshakeType>{H::server_hello});
  // After the ServerHello: the optional ChangeCipherSpec, then EncryptedExtensions.
  std::vector<Row> after_hello = next_rows(m, 2);
  REQUIRE(after_hello.size() == 2);
  CHECK(after_hello[0].content_type == record::kChangeCipherSpec);
  CHECK(after_hello[0].need == Need::optional);
  CHECK(after_hello[1].type == H::encrypted_extensions);
  CHECK(after_hello[1].from == Sender::server);
  // After EncryptedExtensions a CertificateRequest may come, a Certificate must.
  CHECK(types_of(next_rows(m, 4)) == std::vector<HandshakeType>{H::certificate_request, H::certificate});
  // After the server's Finished: the client's optional ChangeCipherSpec and certificate, then its Finished.
  CHECK(types_of(next_rows(m, 7)) ==
        std::vector<HandshakeType>{H::certificate, H::certificate_verify, H::finished});
  // After the handshake only repeatable messages remain.
  std::vector<Row> after = next_rows(m, kTls13Full.size());
  CHECK(std::all_of(after.begin(), after.end(), [](const Row& r) { return r.need == Need::repeated; }));
  CHECK(next_rows(m, kTls13Full.size() + 1).empty());  // past what was matched
  CHECK(next_rows(Match{}, 0).empty());

  Match rsa = match(flow(FlowId::tls12_rsa), kTls12Rsa);
  CHECK(types_of(next_rows(rsa, 3)) == std::vector<HandshakeType>{H::certificate_status, H::certificate_request,
                                                                   H::server_hello_done});
}

TEST_CASE("flows: flights") {
  Match m = match(flow(FlowId::tls12_ecdhe), kTls12Ecdhe);
  std::vector<int> flights;
  for (std::size_t i = 0; i < kTls12Ecdhe.size(); ++i) flights.push_back(flight_of(m, i));
  CHECK(flights == std::vector<int>{1, 2, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5});
  CHECK(flight_of(m, kTls12Ecdhe.size()) == 0);
  CHECK(std::string(m.flow->flights[1]) == "server hello to ServerHelloDone");
}

TEST_CASE("flows: the messages of a transcript") {
  Transcript t;
  Step line;
  line.kind = StepKind::app_line;
  t.steps.push_back(line);
  Step hello;
  hello.kind = StepKind::record;
  hello.content_type = record::kHandshake;
  hello.inner_type = record::kHandshake;  // the true type; the record's own when not protected
  hello.messages = {H::client_hello};
  t.steps.push_back(hello);
  Step event;  // events carry nothing
  t.steps.push_back(event);
  Step coalesced;  // one record, three messages
  coalesced.kind = StepKind::record;
  coalesced.from = Side::server;
  coalesced.content_type = record::kHandshake;
  coalesced.inner_type = record::kHandshake;
  coalesced.messages = {H::server_hello, H::certificate, H::server_hello_done};
  coalesced.version = record::kTls12;
  t.steps.push_back(coalesced);
  Step sealed;  // a protected record is judged by its inner type
  sealed.kind = StepKind::record;
  sealed.content_type = record::kApplicationData;
  sealed.is_protected = true;
  sealed.inner_type = record::kAlert;
  t.steps.push_back(sealed);

  std::vector<Message> messages = messages_of(t);
  REQUIRE(messages.size() == 5);
  CHECK(messages[0].step == 1);
  CHECK(messages[1].step == 3);
  CHECK(messages[3].step == 3);
  CHECK(messages[3].type == H::server_hello_done);
  CHECK(messages[3].from == Side::server);
  CHECK(messages[4].content_type == record::kAlert);
  CHECK_FALSE(messages[4].type);

  Match m = pick(t);
  CHECK(m.flow->id == FlowId::tls12_rsa);  // no ServerKeyExchange
  CHECK(m.alert == std::optional<std::size_t>(4));
}

TEST_CASE("flows: each connection of a run is matched on its own, Mallory by the role she plays") {
  Transcript t;
  auto record = [&](Side from, Side to, int connection, HandshakeType type) {
    Step step;
    step.kind = StepKind::record;
    step.from = from;
    step.to = to;
    step.connection = connection;
    step.content_type = step.inner_type = record::kHandshake;
    step.messages = {type};
    step.version = record::kTls12;
    t.steps.push_back(step);
  };
  record(C, S, 1, H::client_hello);
  record(S, C, 1, H::server_hello);
  record(C, S, 2, H::client_hello);    // a second connection: its own ClientHello starts its own flow
  record(S, C, 2, H::server_hello);
  record(Side::attacker, C, 1, H::certificate);  // Mallory toward the client: she plays the server there

  CHECK(connections_of(t) == std::vector<int>{1, 2});
  const auto first = messages_of(t, 1);
  REQUIRE(first.size() == 3);
  CHECK(first[2].step == 4);
  CHECK(first[2].from == S);  // her role, not her name
  CHECK(first[2].connection == 1);
  const auto second = messages_of(t, 2);
  REQUIRE(second.size() == 2);
  CHECK(second[0].step == 2);
  CHECK(second[0].connection == 2);
  // Each connection matches from its own ClientHello, with nothing unexpected.
  CHECK_FALSE(pick(t, 1).unexpected);
  CHECK_FALSE(pick(t, 2).unexpected);
  CHECK(messages_of(t, 3).empty());
  CHECK(connections_of(Transcript{}) == std::vector<int>{1});
}
