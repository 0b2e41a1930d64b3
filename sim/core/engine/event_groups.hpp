// Steps a teacher would name: consecutive events of one side become one step with a human
// title ("Client checks the certificate chain (3 certificates: all pass)"), their events
// kept inside it as parts; expand_events() gives every single event back.
#pragma once

#include "core/model/transcript.hpp"

namespace hl {

/// Groups every run of consecutive event steps of one side into one event step with a
/// human title, the parts kept in order. A side's lone state change ("handshake starts")
/// right before a record of its own becomes a part of that record. Afterwards no two event
/// steps of the same side follow each other. Grouping a grouped transcript changes nothing.
void group_events(Transcript& transcript);

/// The number (from 1) that `next`, a record or application line the pump is about to add
/// after `so_far` (ungrouped), will carry once group_events() has run: the step number a
/// person sees. Lets the pump's hooks (Mallory) count steps as the text trace does.
std::size_t grouped_number(const std::vector<Step>& so_far, const Step& next);

/// Every event part as a step of its own, in the order they happened (trace --all-events,
/// View > Every event). Records keep their bytes; their parts come out as steps before them.
Transcript expand_events(const Transcript& grouped);

/// The human title of a group of events of one side: "Server derives its handshake keys".
std::string group_title(Side side, const std::vector<EventPart>& parts);

}  // namespace hl
