// The engine in one include.
#pragma once

#include "sim/arrivals.hpp"
#include "sim/distributions.hpp"
#include "sim/event.hpp"
#include "sim/event_set.hpp"
#include "sim/random.hpp"
#include "sim/resource.hpp"
#include "sim/runner.hpp"
#include "sim/simulation.hpp"
#include "sim/stats.hpp"
#include "sim/store.hpp"
