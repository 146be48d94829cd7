---@meta ntm
-- The API that ntm gives to Lua scripts. Editors with a Lua language server read this file
-- (see .luarc.json.example); `ntm doc` prints it. Every name a script can call is here: a
-- test fails when a bound name is missing.
--
-- Scripts run in a sandbox: no io, os, require, package, debug, dofile, loadfile; load()
-- takes text only; the shared libraries (string, table, math, utf8, coroutine, ntm) are
-- read-only; every run has fresh globals and limits on instructions, time and memory.

---@class ntm
ntm = {}

---Version of ntm, e.g. "0.1.0".
---@type string
ntm.version = ""

---@class ntm.ParamSpec
---@field type? "string"|"integer"|"number"|"boolean"
---@field default? any
---@field help? string
---@field required? boolean
---@field choices? string[]

---Declares the script's parameters and returns their values from the command line
---(`--name value`). Call it first: `ntm run SCRIPT --help` lists what it declares.
---A spec may be a table or just a default value (`year = 2020`).
---@param spec table<string, ntm.ParamSpec|any>
---@return table<string, any>
function ntm.params(spec) end

---@class ntm.MapOptions
---@field date? string the map of this date ("31/12/2024" or "2024-12-31")
---@field year? integer the map a review of this year uses (31/12, or the run's --as-of for the reviewed year)

---A province by name or code; accents and case optional ("dien bien", "11"), on the map of
---the run's date (--as-of, else 31/12 of --year, else today) unless `options` names another.
---Codes are reused: "24" is Bắc Giang until 30/06/2025 and Bắc Ninh after. An unknown name is
---an error that suggests the closest names; a province that no longer exists on that map is an
---error that says until when it existed and what succeeded it.
---@param name_or_code string
---@param options? ntm.MapOptions
---@return Province
function ntm.province(name_or_code, options) end

---The unit (province, district or commune) that carries `code` on the map of a date, as a
---handle without year data. A code that names nothing on that map is an error saying when
---it was used and what succeeded it.
---@param code string
---@param options? ntm.MapOptions
---@return Province|District|Commune
function ntm.unit(code, options) end

---The provinces of a map, in code order (63 before 01/07/2025, 34 after).
---@param options? ntm.MapOptions
---@return Province[]
function ntm.provinces(options) end

---A commune found by code or name (accents optional) among the communes of every province on
---the map of a date, with its province, both as handles without year data (ask the province
---for `p:commune(x.code, {year = Y})` to get the year's values). A name no commune has, or one
---that communes of several provinces share, is an error listing the closest names or the
---communes that share it; when the name came from a parameter, the user gets a command-line
---error (exit 2).
---@param name_or_code string
---@param options? ntm.MapOptions
---@return Commune commune
---@return Province province
function ntm.commune(name_or_code, options) end

---@class ntm.MapCounts
---@field date string ISO
---@field provinces integer
---@field districts integer 0 from 01/07/2025
---@field communes integer commune-level units (xã, phường, thị trấn, đặc khu)
---@field villages integer
---@field by_type table<string, integer> "xa", "phuong", "thi-tran", "dac-khu", "huyen", ...

---Counts of the units of a map.
---@param options? ntm.MapOptions
---@return ntm.MapCounts
function ntm.map(options) end

---@class ntm.FundingSource
---@field code string "central.investment.domestic"
---@field parent? string
---@field name string "Vốn trong nước"
---@field sort integer tree order (parents first)

---The funding-source tree, parents first. Provinces' own names ("Vốn lồng ghép") are aliases
---that `ntm import funding` accepts.
---@return ntm.FundingSource[]
function ntm.funding_sources() end

---Read-only parameterised SQL (SELECT only; ? placeholders). Returns rows keyed by column.
---SQLite's dialect on every store: on a PostgreSQL server a command reads a snapshot of it
---copied into a private SQLite file, so a script's SQL is the same on both and never reaches the
---server. A script meant for both should still prefer the ntm API, which hides the schema.
---@param query string
---@param ... nil|boolean|number|string
---@return table[]
function ntm.sql(query, ...) end

---Writes a line to the log (standard error), not to the output.
---@param ... any
function ntm.log(...) end

---Loads a shared library script `lib/NAME.lua` from the script folders, once per run,
---and returns what it returns. (`require` is not available in scripts.)
---@param name string
---@return any
function ntm.use(name) end

---@class ntm.CriterionInfo
---@field number integer
---@field name string "Giao thông"
---@field group string group of criteria ("Hạ tầng kinh tế - xã hội")
---@field indicators string[] indicator ids ("2.1", "2.2", ...)

---@class ntm.IndicatorInfo
---@field id string "17.3"
---@field criterion integer
---@field name string
---@field unit string "%", "dat" (đạt = 1 / chưa đạt = 0), "trieu-dong/nguoi", ...
---@field comparison ">="|"<="|">"|"<"|"="
---@field min? number plausible range of a value
---@field max? number

---@class ntm.CriteriaSet
---@field id string "1980-xa"
---@field name string
---@field legal_basis string "Quyết định 1980/QĐ-TTg ngày 17/10/2016"
---@field grade "standard"|"advanced"|"model"|"modern"
---@field level "commune"|"district"|"village"|"province"
---@field valid_from integer first year of the reviews it governs
---@field valid_to integer last year
---@field criteria ntm.CriterionInfo[] in number order
---@field indicators table<string, ntm.IndicatorInfo> by id
---@field order string[] indicator ids in the set's order

---A criteria set as plain data: by id ("1980-xa", "318-xa-nang-cao") or by year (the national
---commune set of that year; `grade` "standard" by default, or "advanced").
---Thresholds depend on the commune: ask `x:threshold(id)`.
---@param id_or_year string|integer
---@param grade? "standard"|"advanced"|"model"
---@return ntm.CriteriaSet
function ntm.criteria(id_or_year, grade) end

---@class ntm.FindingSpec
---@field unit? Commune|District|Province|string the unit concerned (a handle or a unit code); omit for the whole province
---@field rule string short rule name, used to group findings ("nguy-co-mat-chuan")
---@field level? "error"|"warning"|"info" default "warning"
---@field message string what is wrong, in the user's words
---@field name? string unit name, when `unit` is a code
---@field district? string district name, when `unit` is a code

---Registers a finding: `ntm check` prints findings grouped by rule and by district and
---writes them to CSV/JSON. At most 100 000 per run.
---@param spec ntm.FindingSpec
function ntm.finding(spec) end

---@class ntm.NumberOptions
---@field decimals? integer digits after the decimal comma
---@field mode? "half-up"|"half-even"|"truncate" rounding (the reports use both rounding and truncation)
---@field trim? boolean drop trailing zeros ("40,00" → "40")
---@field sign? boolean percent only: append "%" (default true)
---@field unit? "trieu"|"ty" money only: million or billion VND
---@field suffix? boolean money only: append " triệu đồng" / " tỷ đồng" (default true)

---Vietnamese formatting: thousands with dots, decimals with a comma.
---@class ntm.fmt
ntm.fmt = {}

---`number(1986281)` → "1.986.281"; `number(11.7478, 2)` → "11,75".
---@param value number
---@param options? integer|ntm.NumberOptions decimals, or options
---@return string
function ntm.fmt.number(value, options) end

---`percent(55, 115, {decimals = 2, mode = "truncate"})` → "47,82%";
---`percent(47.826, 1)` → "47,8%". Default 2 decimals, half-up.
---@param part number
---@param whole_or_options? number|integer|ntm.NumberOptions
---@param options? integer|ntm.NumberOptions
---@return string
function ntm.fmt.percent(part, whole_or_options, options) end

---Money in million VND: `money(1986281)` → "1.986.281 triệu đồng";
---`money(1986281, {unit = "ty"})` → "1.986,28 tỷ đồng".
---@param amount number million VND
---@param options? ntm.NumberOptions
---@return string
function ntm.fmt.money(amount, options) end

---`date("2020-12-31")` or `date("31/12/2020")` → "ngày 31 tháng 12 năm 2020".
---@param date string
---@return string
function ntm.fmt.date(date) end

---Vietnamese order of two names (a ă â b c d đ e ê ...): true when `a` comes before `b`.
---Sort names with it: `table.sort(names, ntm.fmt.less)` puts "Điện Biên Đông" before
---"Mường Ảng", where the default `<` compares bytes and puts every "Đ" after "Z".
---@param a string
---@param b string
---@return boolean
function ntm.fmt.less(a, b) end

---Rounds on the decimal digits: `round(10.125, 2, "half-even")` → 10.12.
---@param value number
---@param decimals? integer
---@param mode? "half-up"|"half-even"|"truncate"
---@return number
function ntm.fmt.round(value, decimals, mode) end

---@class CommuneOptions
---@field year? integer the year (default: the latest year with data); its communes are those of its map
---@field tag? string only communes with this tag ("Đề án 29 xã biên giới")
---@field district? string only this district (name or code; maps before 01/07/2025)
---@field set? string criteria set id (default: --set, else the set the province recorded, else the year's)

---@class ntm.Period
---@field from string first day ("" = before 02/02/2020, the earliest map held)
---@field to string last day ("" = still in force)
---@field type string
---@field name string
---@field name_with_type string
---@field parent string the parent's name then
---@field parent_code string
---@field act string the legal act that opened the period

---@class ntm.Succession
---@field code string the other unit's code
---@field name_with_type string its name (latest)
---@field kind "whole"|"part"
---@field date string effective date (ISO)
---@field act string

---@class Province
---@field code string official code ("11"); codes are reused across the 2025 reform
---@field name string "Điện Biên"
---@field name_with_type string "Tỉnh Điện Biên"
---@field type string "tinh" or "thanh-pho"
---@field region string NTM region code ("TDMNPB")
---@field kind "province"
---@field date string the map this handle is on (ISO)
---@field has_districts boolean false on the map from 01/07/2025
---@field valid_from string start of the period on this map ("" = before 02/02/2020)
---@field valid_to string end of it ("" = in force)
---@field act string the act that opened the period
---@field classes table<string, string> classes of the year (region, ...)
---@field group? string commune group (communes only)
local Province = {}

---Districts in code order (none on a map without districts).
---@return District[]
function Province:districts() end

---A district by name or code (accents optional); unknown names suggest the closest.
---@param name_or_code string
---@return District
function Province:district(name_or_code) end

---Rural communes (xã), iterable with `for x in p:communes{year = 2020} do`.
---@param options? CommuneOptions
---@return CommuneList
function Province:communes(options) end

---One commune (xã, phường, đặc khu) by name or code, on the map of `options.year` (with that
---year's data) or of the handle.
---@param name_or_code string
---@param options? {year?: integer, set?: string}
---@return Commune
function Province:commune(name_or_code, options) end

---A threshold of a set that judges provinces (e.g. "51-tinh", the conditions of Phụ lục III
---of 51/2025/QĐ-TTg for a province to complete the task), or nil when the data has none.
---@param id string indicator id ("1.1")
---@param options {set: string, year: integer}
---@return number|nil value
---@return string comparison
---@return boolean confirmed
---@return string source
---@return string applies_to
function Province:threshold(id, options) end

---Tags used by the province's units.
---@return string[]
function Province:tags() end

---Years with indicator values or assessed statuses for the province's communes, each year on its own map.
---@return integer[]
function Province:years() end

---@class ntm.FundingRow
---@field source string code
---@field name string the source's name
---@field parent string the parent source's code ("" for a top source)
---@field stage "plan"|"mobilised"|"disbursed"
---@field component string programme component ("ntm", "giam-ngheo", "dtts-mn"; "" = the whole programme)
---@field amount integer million VND, summed over the province's units and the years

---Funding of the province's units (each year on its own map), summed by source, stage and component.
---@param options {year?: integer, from?: integer, to?: integer}
---@return ntm.FundingRow[]
function Province:funding(options) end

---@class ntm.Statistic
---@field value? number
---@field as_printed? string the figure exactly as a report printed it
---@field source? string

---Figures recorded for the province itself in a year (printed figures, inputs), by key.
---@param year integer
---@return table<string, ntm.Statistic>
function Province:statistics(year) end

---@class ntm.Target
---@field key string "standard_communes", "average_criteria", ...
---@field year integer the year the target is for
---@field value number
---@field note? string
---@field plan_year? integer the year the plan was made

---Targets of the province for a year or a span of years.
---@param options {year?: integer, from?: integer, to?: integer}
---@return ntm.Target[]
function Province:targets(options) end

---@class ntm.RecognitionRow
---@field kind "district"|"commune"|"village"
---@field code string
---@field name string
---@field name_with_type string
---@field district string its district on the year's map ("" without districts)
---@field grade "basic"|"standard"|"advanced"|"model"
---@field year integer
---@field decision string
---@field date string

---Recognitions up to the year of the units of the year's map, not revoked by then.
---@param options {year: integer}
---@return ntm.RecognitionRow[]
function Province:recognitions(options) end

---@class ntm.OcopRow
---@field id integer
---@field name string
---@field producer string
---@field producer_kind string
---@field group string product group
---@field stars integer
---@field score? integer
---@field year integer year rated
---@field code string the producer's unit code
---@field unit string the unit's name that year

---OCOP products rated up to the year (or in from..to) by producers of the province's units.
---@param options {year?: integer, from?: integer, to?: integer}
---@return ntm.OcopRow[]
function Province:ocop(options) end

---Every period of the unit: names, types, parents, acts.
---@return ntm.Period[]
function Province:history() end

---The units this unit was formed from.
---@return ntm.Succession[]
function Province:predecessors() end

---The units formed from this unit.
---@return ntm.Succession[]
function Province:successors() end

---@class District
---@field code string
---@field name string
---@field name_with_type string
---@field type string "huyen", "thi-xa", "thanh-pho"
---@field kind "district"
---@field province Province
---@field recognition? "standard"|"advanced"|"model"|"basic" highest grade recognised
local District = {}

---Rural communes of the district.
---@param options? CommuneOptions
---@return CommuneList
function District:communes(options) end

---@return ntm.Period[]
function District:history() end

---@return ntm.Succession[]
function District:predecessors() end

---@return ntm.Succession[]
function District:successors() end

---A rural commune in one year. `x["17.3"]` is the value of indicator 17.3 (nil when missing).
---@class Commune
---@field code string official code ("03166")
---@field name string
---@field name_with_type string
---@field type string
---@field kind "commune"
---@field district string district name ("" on a map without districts)
---@field district_code string
---@field former_district string the district, else (from 01/07/2025) the district(s) its predecessors were in
---@field province string province name
---@field region string NTM region code
---@field group? string commune group of 51/2025/QĐ-TTg ("1", "2", "3") for the year
---@field classes table<string, string> classes of the year: region, nhom, dbkk, bien-gioi, mien-nui, atk, khu-vuc
---@field valid_from string start of its period on this map ("" = before 02/02/2020)
---@field valid_to string end of it ("" = in force)
---@field act string the act that opened the period
---@field extremely_difficult boolean xã đặc biệt khó khăn
---@field border boolean xã biên giới
---@field mountainous boolean
---@field flags {extremely_difficult: boolean, border: boolean, mountainous: boolean}
---@field tags string[]
---@field year? integer
---@field criteria_set? string
---@field recognition? "standard"|"advanced"|"model"|"basic" highest grade recognised
---@field [string] number|nil indicator value by id
local Commune = {}

---Whether criterion n is met: from the indicator values when the commune has any, else the
---assessed status.
---@param n integer
---@return boolean
function Commune:met(n) end

---Like met, plus where the answer came from ("none": no values and no assessed status).
---@param n integer
---@return boolean met
---@return "indicators"|"assessed"|"none" source
function Commune:status(n) end

---Whether the commune has indicator values or assessed statuses for the year. A commune
---without either is never counted as meeting 0 criteria: reviews list it apart.
---@return boolean
function Commune:has_data() end

---The indicators of criterion n that fail (value missing, not meeting the threshold, or no
---threshold), and those of them that have no threshold for this commune. Empty when the
---criterion was decided by an assessed status.
---@param n integer
---@return string[] failing
---@return string[] without_threshold
function Commune:failing(n) end

---Every criterion decided at once, as x:status, x:assessed and x:failing would say one by
---one (what lib/review.lua uses). Masks are integers, bit n-1 for criterion n:
---`mask & (1 << (n - 1)) ~= 0`. nil for a set whose criteria are not numbered 1..64.
---@return integer|nil count criteria met
---@return integer met mask of the criteria met
---@return string source of the set's first criterion: "indicators", "assessed" or "none"
---@return integer disagrees mask of the criteria decided by values whose assessed status says the opposite
---@return integer no_threshold mask of the criteria with an indicator without a threshold for this commune
---@return integer[] met the numbers of the criteria met, in the set's order (a new table)
function Commune:decision() end

---Every indicator value of the year in one table, by indicator code (a value that is missing
---is absent): quicker than x[id] for each indicator when a script reads them all.
---@return table<string, number>
function Commune:values() end

---The set's indicators the commune has no value for, and those whose value is outside the
---indicator's plausible range (its min and max; 0 or 1 for a "dat" indicator), both in the
---set's order (set.order): what a check of the data needs, without reading every value in Lua.
---Two empty lists for a commune without values.
---@return string[] missing
---@return string[] implausible
function Commune:gaps() end

---@return ntm.Period[]
function Commune:history() end

---The units it was formed from (whole or part), e.g. the communes merged on 01/07/2025.
---@return ntm.Succession[]
function Commune:predecessors() end

---@return ntm.Succession[]
function Commune:successors() end

---The status the office assessed, or nil when none was recorded.
---@param n integer
---@return boolean|nil
function Commune:assessed(n) end

---Funding of the commune (and its villages), summed by source, stage and component, like
---Province:funding (`x:funding{year = 2020}`).
---@param options {year?: integer, from?: integer, to?: integer}
---@return ntm.FundingRow[]
function Commune:funding(options) end

---Number of criteria met.
---@return integer
function Commune:count_met() end

---Indicator value by id (same as x["17.3"]); nil when missing.
---@param id string
---@return number|nil
function Commune:value(id) end

---The threshold that applies to this commune (by its region, group, flags, province and the
---year: the most specific row), or nil when the data has none.
---@param id string
---@return number|nil value
---@return string comparison
---@return boolean confirmed
---@return string source
---@return string applies_to "chung", "vùng TDMNPB", "nhóm 3", ...
function Commune:threshold(id) end

---@param tag string
---@return boolean
function Commune:has_tag(tag) end

---Year the commune was recognised at this grade, or nil.
---@param grade "standard"|"advanced"|"model"|"basic"
---@return integer|nil
function Commune:recognised(grade) end

---An array of communes that can be iterated directly: `for x in list do ... end`.
---@class CommuneList: Commune[]
local CommuneList = {}

---@return integer
function CommuneList:count() end

---Communes not meeting criterion n.
---@param n integer
---@return CommuneList
function CommuneList:missing(n) end

---Communes meeting criterion n.
---@param n integer
---@return CommuneList
function CommuneList:meeting(n) end

---Communes for which fn returns true.
---@param fn fun(x: Commune): boolean
---@return CommuneList
function CommuneList:filter(fn) end

---@return string[]
function CommuneList:names() end

---@return string[]
function CommuneList:codes() end

---Communes with values or assessed statuses for the year.
---@return CommuneList
function CommuneList:with_data() end

---Communes with neither: they are listed apart, never counted as meeting 0 criteria.
---@return CommuneList
function CommuneList:without_data() end

---The map the list's year is reviewed on, and the sentence that says so.
---@return {date: string, province_code: string, has_districts: boolean, note: string}
function CommuneList:map() end

---"bộ tiêu chí 1980-xa (mặc định của năm 2020)": how the list's criteria set was chosen.
---@return string
function CommuneList:set_note() end

---The threshold rows the list's communes with values were judged by that no published source
---confirms, each once, in indicator order.
---@return {indicator: string, applies_to: string, value: number, source: string}[]
function CommuneList:unconfirmed_thresholds() end

-- ---------------------------------------------------------------------------------------
-- Allocation (ntm.allocate). src/lua/bind_allocate.cpp; engine in src/model/allocate.h.

---A recipient given as a plain table. Its own fields are used when the spec does not give
---the same option.
---@class AllocationRecipient
---@field code string unit code (unique; ties are broken by code)
---@field name? string shown in the plan (default: the code)
---@field district? string district name (needed with by_district)
---@field weight? number
---@field floor? integer
---@field cap? integer
---@field fixed? integer
---@field group? string
---@field coefficient? number
---@field counterpart_ratio? number

---An amount taken from the total before the split. Give exactly one of amount and share.
---@class AllocationSetAside
---@field name string "Dự phòng", "Thưởng"
---@field amount? integer million VND, a multiple of the step
---@field share? number fraction of the total in [0, 1], rounded half-up to the step

---What ntm.allocate takes. Each per-recipient option (weight, floor, cap, fixed, group,
---coefficient, counterpart_ratio) is a constant, a function called with each recipient
---(`function(x) ... end`, x being the Commune handle or the plain table), or a table keyed by
---unit code. A weight function may return a second value `{group = "...", coefficient = 1.5}`
---that labels the line (the spec's own group/coefficient apply when it gives none). A weight
---that is negative, NaN or not a number is an error naming the recipient and the value.
---@class AllocationSpec
---@field total integer million VND, >= 0, a multiple of step
---@field among CommuneList|Commune[]|AllocationRecipient[] the recipients (not empty); alias `recipients`
---@field weight? number|table<string, number>|fun(x: Commune|AllocationRecipient): number, {group?: string, coefficient?: number}? default: the recipient's own weight, else 1
---@field floor? integer|table<string, integer>|fun(x): integer? least the recipient receives in all; alias `min`
---@field cap? integer|table<string, integer>|fun(x): integer? most the recipient receives in all; alias `max`
---@field fixed? integer|table<string, integer>|fun(x): integer? part given first, outside the weighted split
---@field group? string|fun(x): string? label shown in the explanation ("Nhóm 2")
---@field coefficient? number|fun(x): number? shown in the explanation only
---@field counterpart_ratio? number|fun(x): number? vốn đối ứng as a fraction of the amount (reported beside it, not in the total)
---@field step? integer rounding step (default 1)
---@field set_asides? AllocationSetAside[] taken first, in order
---@field by_district? boolean split among districts first, then among each district's recipients

---One line of a plan: how much one recipient receives and why.
---@class AllocationLine
---@field code string
---@field name string
---@field district string
---@field group? string
---@field coefficient? number
---@field weight number
---@field share number exact weighted share before rounding, after floors and caps
---@field proportional number pool × weight / Σ weights, before floors and caps
---@field fixed integer
---@field weighted integer the weighted part (a multiple of the step)
---@field amount integer fixed + weighted: what the recipient receives
---@field floor_applied boolean
---@field cap_applied boolean
---@field rounding_adjustment integer 0, or +step for the largest remainders
---@field counterpart_ratio? number
---@field counterpart? integer amount × ratio, rounded half-up
---@field explanation string "Nhóm 2 (hệ số 1,5); tỷ trọng 3,21% của 460.300 → 14.776,2; làm tròn theo bước 1: +1; = 14.777"
---@field details table<string, any> the explanation, structured (group, weight, share, floor_applied, ...)
---@field unit Commune|AllocationRecipient the recipient as given

---Totals of one district's recipients.
---@class AllocationDistrict
---@field district string
---@field recipients integer
---@field weight number
---@field share number
---@field fixed integer
---@field weighted integer
---@field amount integer
---@field counterpart integer

---@class AllocationSetAsideLine
---@field name string
---@field share? number
---@field amount integer

---The plan ntm.allocate returns: set_aside_total + Σ lines[i].amount == total, always.
---@class AllocationPlan
---@field total integer
---@field step integer
---@field pool integer the part split by weight: total − set-asides − fixed parts
---@field set_aside_total integer
---@field fixed_total integer
---@field counterpart_total integer
---@field set_asides AllocationSetAsideLine[]
---@field lines AllocationLine[] sorted by code
---@field districts AllocationDistrict[] sorted by district name
---@field by_district table<string, AllocationDistrict> the same, keyed by district name

---Splits `total` (million VND) among recipients by weight: set-asides first, then fixed
---parts, then the weighted split with floors, caps and largest-remainder rounding to the
---step, optionally in two levels (province → districts → communes). The result adds up
---exactly to the total and does not depend on the order of the recipients. Bad input (a
---negative or non-integer total, a bad weight, floors above or caps below the total, an
---empty list) is an error in Vietnamese naming the recipient and the value.
---The last plan a script makes is the one `ntm allocate FORMULA` prints and saves.
---@param spec AllocationSpec
---@return AllocationPlan
function ntm.allocate(spec) end

-- ntm.report: the document a report layout builds (scripts/reports/*.lua) and returns.
-- `ntm report LAYOUT --province P --year Y -o bc.docx -o bieu.xlsx -o bc.html` writes it.

---@class ntm.report
ntm.report = {}

---@class ntm.report.DocumentSpec
---@field issuer? string|string[] issuing bodies, top first: {"UBND TỈNH ĐIỆN BIÊN", "BAN CHỈ ĐẠO CÁC CTMTQG"}
---@field number? string "123/BC-BCĐ" (printed "Số: 123/BC-BCĐ")
---@field place? string "Điện Biên"
---@field date? string "2020-12-31" or "31/12/2020"; other text is printed as it is
---@field kind? string document kind, default "BÁO CÁO"
---@field title? string the summary line (trích yếu)

---A new document in the official layout (Nghị định 30/2020/NĐ-CP). A layout returns it:
---`return doc`. Unknown fields are an error.
---@param spec? ntm.report.DocumentSpec
---@return Document
function ntm.report.document(spec) end

---A piece of paragraph text: a string, an integer, or a table
---`{bold = "21 xã"}`, `{italic = "…"}`, `{footnote = "…"}` (a footnote mark with its text),
---`{text = "…", bold = true, italic = true, footnote = "…"}` or `{"…", bold = true}`.
---Decimal numbers are refused: format them with ntm.fmt.
---@alias ntm.report.Run string|integer|{text?: string, [1]?: string, bold?: string|boolean, italic?: string|boolean, footnote?: string}

---A body cell: text, an integer, a decimal (table `decimals`/`mode`), `false` or nil for
---an empty cell, or `{value=, kind=, decimals=, mode=}` / `{text=}` with `bold`, `align`
---("auto"|"left"|"center"|"right") and `colspan`.
---@alias ntm.report.Cell string|number|false|{value?: number, text?: string, kind?: "integer"|"decimal"|"percent"|"money", decimals?: integer, mode?: "half-up"|"half-even"|"truncate", bold?: boolean, align?: string, colspan?: integer}

---A header cell: text or `{"Số xã đạt", colspan = 2}` / `{"TT", rowspan = 2}` (spans as in HTML).
---@alias ntm.report.HeaderCell string|{text?: string, [1]?: string, rowspan?: integer, colspan?: integer}

---@class ntm.report.TableSpec
---@field title? string "Biểu 01. …"
---@field unit? string "Đơn vị: triệu đồng"
---@field header? ntm.report.HeaderCell[]|ntm.report.HeaderCell[][] one row, or rows top first
---@field rows ntm.report.Cell[][]
---@field totals? ntm.report.Cell[] printed bold
---@field widths? number[] one per column (Excel character units)
---@field decimals? integer for plain decimal cells (default 2)
---@field mode? "half-up"|"half-even"|"truncate" for plain decimal cells
---@field annex? boolean an annex: a new page headed "Biểu 01" (the title's part before ". "), the title, then `note`
---@field note? string under an annex's title: "(Kèm theo Báo cáo số …/BC-BCĐ ngày … của …)"
---@field landscape? boolean an annex on a landscape page; default: landscape when the table is wide
---@field filter? boolean an autofilter over the rows in Excel (a list of units, not a summary)

---@class ntm.report.ChartSeries
---@field name string
---@field values number[] one per category
---@field color? string "#1a9850": a fixed colour (bands keep theirs in every report); default by position

---@class ntm.report.ChartSpec
---@field kind? "column"|"bar"|"line" default "column"; "line" for a trend over years
---@field stacked? boolean
---@field title? string
---@field categories string[]
---@field series ntm.report.ChartSeries[]
---@field decimals? integer for value labels
---@field value_axis? string axis title ("Số xã")
---@field labels? "auto"|"all"|"none" value labels; auto (default): none on zeros or on bars too thin to hold them

---A report document (userdata of type ntm.Document). Methods check their arguments and
---name the method and the bad value in Vietnamese; a table or chart is checked at once.
---@class Document
local Document = {}

---A heading of level 1..4; the numbering is part of the text. Extra arguments format the
---text like string.format: `doc:heading(2, "%s. KẾT QUẢ", "II")`.
---@param level integer
---@param text string
---@param ... any
function Document:heading(level, text, ...) end

---A paragraph: `doc:paragraph("Có %d xã đạt chuẩn, đạt %s.", n, ntm.fmt.percent(n, total))`
---(string.format semantics when arguments follow; without them the text is taken as it is,
---so "100%" needs no escaping), or runs: `doc:paragraph{"Có ", {bold = "21 xã"}, " …",
---{footnote = "…"}, align = "center"}` (align: "left"|"center"|"right"|"justify").
---@param text string|(ntm.report.Run[]|{align?: string})
---@param ... any
function Document:paragraph(text, ...) end

---A list: `doc:list{numbered = true, items = {"…", {level = 1, "…", {bold = "…"}}}}`;
---an item is a string or runs with an optional `level` (0..3).
---@param spec {numbered?: boolean, items: (string|ntm.report.Run[])[]}
function Document:list(spec) end

---One "-" item, joined to the list just before it when that list is not numbered:
---`doc:bullet("Giao thông: %d/%d xã", 55, 115)` or `doc:bullet{level = 1, "…"}`.
---@param text string|ntm.report.Run[]
---@param ... any
function Document:bullet(text, ...) end

---An annex table with a merged header: `header = {{{"TT", rowspan = 2}, {"Số xã đạt",
---colspan = 2}}, {"Số lượng", "Tỷ lệ (%)"}}`. Rows must span as many columns as the header.
---@param spec ntm.report.TableSpec
function Document:table(spec) end

---A bar chart (column or bar, clustered or stacked).
---@param spec ntm.report.ChartSpec
function Document:chart(spec) end

---Starts a new page (docx, html print).
function Document:page_break() end

---The closing block: recipients ("Nơi nhận:"), signer's role lines, room for the signature
---and the name. It is printed where it is called: call it after the closing sentence and
---before the annex tables, as an office signs.
---@param spec {recipients?: string|string[], role?: string|string[], name?: string}
function Document:sign_off(spec) end

---The office's own text for a section, from the prose file of the province profile
---(`--profile FILE`, [text] file) or `--text FILE`: a Markdown file (or a Word file) with one
---section per "# Title" line. Adds that section's paragraphs and lists and returns true; when
---the file has no such section, adds a visible placeholder saying where to write it and
---returns false. Titles match with or without accents ("Tồn tại, hạn chế" = "ton tai han che").
---@param title string
---@return boolean written
function Document:prose(title) end

---Publishes fields for an office's own Word template (`ntm report LAYOUT --template
---FILE.docx`): `{{tinh}}` is replaced by the value of `tinh`; a list of tables fills a table
---row repeated once per item (`{{xa.ten}}`). Numbers are written the Vietnamese way.
---`ntm report LAYOUT --fields` lists them with the values of a run.
---@param fields table<string, string|number|boolean|table<string, string|number>[]>
function Document:fields(fields) end

---@class ntm.report.MapLegendItem
---@field label string "Đạt chuẩn (19 tiêu chí)"
---@field color string "#1a9850"

---@class ntm.report.MapUnit
---@field code string the unit's code on the 2025 map (5 digits for a commune, 2 for a province)
---@field name? string shown when the unit has no boundary
---@field class? integer index into `legend`; nil: grey (no data)

---@class ntm.report.MapSpec
---@field title? string
---@field level? "commune"|"province" default "commune"
---@field province? string code of the province whose communes are drawn ("11"); its other communes are grey
---@field legend ntm.report.MapLegendItem[]
---@field units ntm.report.MapUnit[]
---@field source? string credit line under the map (default: the boundaries' attribution)
---@field no_data_label? string legend label of grey areas (default "Không có số liệu")

---A choropleth map drawn by ntm (SVG in HTML, a picture in Word) with a legend (counts per
---class), a scale bar and a north arrow, from the boundaries of the 2025 map shipped in
---db/boundaries/. The layout chooses the classes. A unit whose code has no boundary is
---listed under the map.
---@param spec ntm.report.MapSpec
function Document:map(spec) end

---@class ntm.report.Profile
---@field issuer string[] issuing bodies, top first
---@field number string document number ("     /BC-BCĐ")
---@field place string
---@field recipients string[] "Nơi nhận" lines
---@field signer {role: string[], name: string}
---@field decimals? integer digits the province prints in percentages
---@field rounding? "half-up"|"half-even"|"truncate"
---@field money_unit "trieu"|"ty"
---@field text_file? string name of the prose file

---The province profile given with `ntm report --profile FILE` (TOML: [document], [signer],
---[numbers], [text]), or nil without one. Command-line parameters win over it.
---@return ntm.report.Profile|nil
function ntm.report.profile() end

---Helpers that exist only in files run by `ntm test DIR` (`*_test.lua`, `test_*.lua`).
---@class test
test = {}

---Runs another script (a path relative to the test file's folder, or to its parent) in the
---same sandbox with `params` as its command-line parameters; returns what the script
---returned and the findings it made (`{unit, rule, level, message}` each). An error in the
---script is raised here, so `pcall(test.run, ...)` tests failures.
---@param script string
---@param params? table<string, any>
---@return any result
---@return {unit: string, rule: string, level: string, message: string}[] findings
function test.run(script, params) end
