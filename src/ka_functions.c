/* ka_functions.c - the function table: the single source of truth for names,
 * arguments, defaults and help (see ka_functions.h). */
#include "ka_functions.h"

#include <string.h>

#define VALUES_HELP                                                                                \
    "The sales of all clients (a column); empty and text cells are skipped, values <= 0 are no "   \
    "sales."
#define SERIES_HELP                                                                                \
    "The client's amounts per period in a row (e.g. 12 months; empty cells are 0); many rows: "    \
    "one "                                                                                         \
    "each."
#define GROUPS_HELP                                                                                \
    "Optional. Each client's group (region, manager ...), aligned with Values: ranked within its " \
    "group."
#define GROUP_HELP                                                                                 \
    "Optional. The group of Value (e.g. its cell in the region column); left out: the same row "   \
    "of Groups."
#define GROUPS_NOTES_BASE                                                                          \
    " Groups: the group of every client (region, department, manager, product line), a range "     \
    "aligned with Values; each client is then placed among the clients of its own group only. "    \
    "Labels compare as Calc shows them (the number 1 and the text \"1\" are one group, \"North\" " \
    "and \"north\" two); an empty cell is the group \"\"."
#define GROUPS_NOTES                                                                               \
    GROUPS_NOTES_BASE " Group: the group of Value (one label); left out, each cell of a Value "    \
                      "range takes the group of the same row of Groups. See docs/segmentation.md."
#define GROUPS_SUMMARY                                                                             \
    " With Groups, within the client's group: {=ABCCLASS(B2:B500;B2:B500;;;;C2:C500)} with "       \
    "regions in C classes each client among its region's clients, as does "                        \
    "=ABCCLASS(B2;B$2:B$500;;;;C$2:C$500;C2) filled down."
#define GROUPS_ERRORS                                                                              \
    " With Groups: Err:502 if Groups and Values differ in length, a Value range and Groups "       \
    "differ "                                                                                      \
    "in length without Group, Group is more than one cell, or Group is given without Groups"
#define FREQ_HELP                                                                                  \
    "Repeat purchases of the client (a whole number >= 0), e.g. from PURCHASESUMMARY; or a range."
#define REC_HELP                                                                                   \
    "Time from the first to the last purchase (0 without repeats), in days or weeks as Age; or a " \
    "range."
#define AGE_HELP                                                                                   \
    "Time from the first purchase to the end of the data (>= Recency), in days or weeks; or a "    \
    "range."
#define FREQS_HELP                                                                                 \
    "Repeat purchases of every client (whole numbers >= 0), e.g. PURCHASESUMMARY's first column."
#define PARAMS_HELP                                                                                \
    "BGNBDFIT's result for these clients: its first 4 or 5 cells, or the whole 2-row result."
#define MODEL_HELP                                                                                 \
    "Optional. The model of Params, as in BGNBDFIT: 0 (default) BG/NBD, 1 MBG/NBD, 2 Pareto/NBD."
/* What Frequency, Recency, Age and Params are, for the docs of the functions that take them. */
#define CLIENT_NOTES                                                                               \
    " Frequency x: the number of repeat purchases; Recency t_x: the time from the first to the "   \
    "last purchase (0 when x = 0); Age T: the time from the first purchase to the end of "         \
    "observation (T >= t_x); Recency and Age in one time unit, days or weeks. "                    \
    "Params: "                                                                                     \
    "the 5 cells of BGNBDFIT's row 1 (r; alpha; a; b; log-likelihood; Pareto/NBD: r; alpha; s; "   \
    "beta; log-likelihood), its first 4 cells, or its whole 2-row result (row 1 is read). "        \
    "See docs/churn.md."

const ka_func_info ka_functions[] = {
    {"ABCCLASS",
     "The client's class A, B or C by its share of total sales: A, the few clients that bring most "
     "of it. Use it to decide where key-account time goes.",
     "Err:502 if LimitA or LimitB is outside 0 < LimitA < LimitB <= 1, or Rule is not 0 or "
     "1." GROUPS_ERRORS ".",
     "Pareto (ABC) class by the client's contribution to the total of the positive Values: with "
     "the default limits, A closes at 80 % of the total, B at 95 %. Clients with equal values get "
     "the same class; a value <= 0 is C. Array form: a range as Value classifies every client in "
     "one formula (empty or text cells give \"\")." GROUPS_SUMMARY GROUPS_NOTES,
     "=ABCCLASS(85;{85;10;5}) returns \"A\"; =ABCCLASS(85;{85;10;5};;;1) returns \"B\"; "
     "=ABCCLASS(6;{85;10;5;6;3;1};;;;{\"N\";\"N\";\"N\";\"S\";\"S\";\"S\"};\"S\") returns \"A\" "
     "(region S alone; "
     "B among all six).",
     KA_ARGS({"Value", KA_ARG_VALUE,
              "The client's sales (e.g. this year's, in your currency), or a range to class every "
              "client."},
             {"Values", KA_ARG_NUMBERS, VALUES_HELP},
             {"LimitA", KA_ARG_OPTIONAL,
              "Optional. The share of total sales class A covers; default 0.8 (80 %)."},
             {"LimitB", KA_ARG_OPTIONAL,
              "Optional. The share classes A and B cover together; default 0.95 (95 %)."},
             {"Rule", KA_ARG_OPTIONAL,
              "Optional. 0 (default): the client that crosses a limit stays in the upper class; 1: "
              "it goes down."},
             {"Groups", KA_ARG_OPTIONAL, GROUPS_HELP}, {"Group", KA_ARG_OPTIONAL, GROUP_HELP})},
    {"PARETOSHARE",
     "The share (0 to 1) of total sales that this client and all bigger ones bring: the Pareto "
     "curve. Use it to say \"our top clients bring 80 %\".",
     "Err:502 if Values holds no positive value (with Groups: the group of a client with a "
     "number)." GROUPS_ERRORS ".",
     "Cumulative share of the total held by all clients with a value >= Value. A Value <= 0 "
     "gives 1. Array form: a range as Value. With Groups, the share of the client's group held by "
     "the clients of that group with a value >= Value." GROUPS_NOTES,
     "=PARETOSHARE(20;{40;20;20;10;10}) returns 0.8; "
     "=PARETOSHARE(3;{85;10;5;6;3;1};{\"N\";\"N\";\"N\";\"S\";\"S\";\"S\"};\"S\") returns 0.9.",
     KA_ARGS({"Value", KA_ARG_VALUE, "The client's sales (in your currency), or a range of them."},
             {"Values", KA_ARG_NUMBERS, VALUES_HELP}, {"Groups", KA_ARG_OPTIONAL, GROUPS_HELP},
             {"Group", KA_ARG_OPTIONAL, GROUP_HELP})},
    {"SALESSHARE",
     "The client's share (0 to 1) of total sales, e.g. 0.12 for 12 %. Use it to see how much of "
     "the business one client is.",
     "Err:502 if Values holds no positive value (total 0; with Groups: the group of a client "
     "with a number)." GROUPS_ERRORS ".",
     "Value / the total of the positive Values. A negative Value gives a negative share. Array "
     "form: a range as Value. With Groups, the share in the total of the client's "
     "group." GROUPS_NOTES,
     "=SALESSHARE(10;{40;20;20;10;10}) returns 0.1; "
     "=SALESSHARE(6;{85;10;5;6;3;1};{\"N\";\"N\";\"N\";\"S\";\"S\";\"S\"};\"S\") returns 0.6.",
     KA_ARGS({"Value", KA_ARG_VALUE, "The client's sales (in your currency), or a range of them."},
             {"Values", KA_ARG_NUMBERS, VALUES_HELP}, {"Groups", KA_ARG_OPTIONAL, GROUPS_HELP},
             {"Group", KA_ARG_OPTIONAL, GROUP_HELP})},
    {"DEPENDENCY",
     "How much you depend on the client, by its share of sales: \"critical\" over 50 %, \"high\" "
     "over 40 %, \"elevated\" over 20 %, \"key\" from 10 %, else \"\".",
     "Err:502 if Values holds no positive value (with Groups: the group of a client with a "
     "number), or Limits is not four ascending numbers." GROUPS_ERRORS ".",
     "From the sales share s: \"critical\" (s > 0.5), \"high\" (s > 0.4), \"elevated\" (s > 0.2), "
     "\"key\" (s >= 0.1), else \"\". Array form: a range as Value. With Groups, how much the "
     "client's group (its region, its manager) depends on it: s is its share in the group's "
     "total." GROUPS_NOTES,
     "=DEPENDENCY(45;{45;30;25}) returns \"high\"; "
     "=DEPENDENCY(6;{85;10;5;6;3;1};;{\"N\";\"N\";\"N\";\"S\";\"S\";\"S\"};\"S\") returns "
     "\"critical\".",
     KA_ARGS({"Value", KA_ARG_VALUE, "The client's sales (in your currency), or a range of them."},
             {"Values", KA_ARG_NUMBERS, VALUES_HELP},
             {"Limits", KA_ARG_OPTIONAL,
              "Optional. Four ascending shares replacing 0.1; 0.2; 0.4; 0.5 (key, elevated, high, "
              "critical)."},
             {"Groups", KA_ARG_OPTIONAL, GROUPS_HELP}, {"Group", KA_ARG_OPTIONAL, GROUP_HELP})},
    {"CONCENTRATION",
     "How much your sales rest on few clients, as one number (by default the HHI, 0 to 1: higher "
     "is riskier). Use it to follow that risk over time.",
     "Err:502 for an unknown Measure or when Values holds no positive value (with Groups: a "
     "group of Group holds none, also a label no client has); with Groups, if Groups and Values "
     "differ in length or Group is left out; Err:502 for Group without Groups.",
     "Measures over the positive Values: \"HHI\" (sum of squared shares, 0..1), \"HHINORM\" "
     "(normalised HHI, 0 for equal clients), \"N\" (1/HHI, equivalent number of equal clients), "
     "\"GINI\" (Gini coefficient), \"TOP20\" (share of the largest 20% of clients); Measure is "
     "case-insensitive. With Groups, the measure over the clients of the group Group names; a "
     "range of labels as Group gives one value per label (array form), e.g. "
     "{=CONCENTRATION(B2:B500;;C2:C500;E2:E6)} with regions in C and the region names in "
     "E2:E6." GROUPS_NOTES_BASE " See docs/segmentation.md.",
     "=CONCENTRATION({50;30;20}) returns 0.38; =CONCENTRATION({50;30;20};\"N\") returns 2.6316; "
     "=CONCENTRATION({85;10;5;6;3;1};;{\"N\";\"N\";\"N\";\"S\";\"S\";\"S\"};\"S\") returns 0.46.",
     KA_ARGS({"Values", KA_ARG_NUMBERS, VALUES_HELP},
             {"Measure", KA_ARG_OPTIONAL,
              "Optional. HHI (default), HHINORM (0 for equal clients), N (as many equal clients), "
              "GINI or TOP20."},
             {"Groups", KA_ARG_OPTIONAL, GROUPS_HELP},
             {"Group", KA_ARG_OPTIONAL,
              "Optional. Needed with Groups: the group to measure, or a range of groups for one "
              "value each."})},
    {"XYZCLASS",
     "X, Y or Z: how steady a client's purchases are from period to period (X steady, Z "
     "erratic). Use it with ABCCLASS to plan stock and visits.",
     "Err:502 if a row has fewer than 3 periods or holds text, if the limits are not "
     "0 < LimitX < LimitY, or Deviation is not 0 or 1.",
     "From the coefficient of variation cv = standard deviation / mean of the row: X if cv <= "
     "LimitX, Y if cv <= LimitY, else Z; a row whose mean is <= 0 is Z. A range of several rows "
     "gives one class per row (a row with no value at all gives \"\"). See "
     "docs/segmentation.md.",
     "=XYZCLASS({100;100;100;100}) returns \"X\".",
     KA_ARGS({"Series", KA_ARG_CELLS, SERIES_HELP},
             {"LimitX", KA_ARG_OPTIONAL,
              "Optional. Largest variation of class X (standard deviation / mean); default 0.10."},
             {"LimitY", KA_ARG_OPTIONAL,
              "Optional. Largest variation of class Y (standard deviation / mean); default 0.25."},
             {"Deviation", KA_ARG_OPTIONAL,
              "Optional. 0 (default): population standard deviation (divide by n); 1: sample (n - "
              "1)."})},
    {"XYZCOEF",
     "How much a client's period amounts vary around their mean: 0 always the same, 0.25 about "
     "25 %. The number behind XYZCLASS.",
     "Err:502 if a row has fewer than 3 periods, holds text, or its mean is <= 0, or Deviation is "
     "not 0 or 1.",
     "The coefficient of variation (standard deviation / mean) of the row, as XYZCLASS uses it. A "
     "range of several rows gives one coefficient per row (a row with no value at all gives "
     "\"\").",
     "=XYZCOEF({90;110;90;110}) returns 0.1.",
     KA_ARGS({"Series", KA_ARG_CELLS, SERIES_HELP},
             {"Deviation", KA_ARG_OPTIONAL,
              "Optional. 0 (default): population standard deviation (divide by n); 1: sample (n - "
              "1)."})},
    {"ABCXYZ",
     "The ABC and the XYZ class in one code, \"AX\" to \"CZ\" (\"AX\": big and steady). Use it "
     "for the ABC-XYZ matrix of your clients.",
     "Err:502 as ABCCLASS and XYZCLASS, or if Value and Series have different numbers of rows.",
     "The ABC class followed by the XYZ class, with the default limits and rules. Array form: a "
     "range as Value and a Series with the same number of rows. With Groups, the ABC class within "
     "the client's group (XYZ is the client's own)." GROUPS_NOTES,
     "=ABCXYZ(85;{85;10;5};{100;100;100}) returns \"AX\"; "
     "=ABCXYZ(6;{85;10;5;6;3;1};{100;100;100};{\"N\";\"N\";\"N\";\"S\";\"S\";\"S\"};\"S\") returns "
     "\"AX\".",
     KA_ARGS({"Value", KA_ARG_VALUE, "The client's sales (in your currency), or a range of them."},
             {"Values", KA_ARG_NUMBERS, VALUES_HELP}, {"Series", KA_ARG_CELLS, SERIES_HELP},
             {"Groups", KA_ARG_OPTIONAL, GROUPS_HELP}, {"Group", KA_ARG_OPTIONAL, GROUP_HELP})},
    {"PURCHASESUMMARY",
     "From an order log, each client's Frequency, Recency and Age (and Monetary): the inputs of "
     "BGNBDFIT, CHURNRISK and CLV. Enter it as an array formula.",
     "Err:502 if TxClients and TxDates differ in length, a date is not a number or out of range, "
     "AsOf is not a date, or Unit <= 0; with Amounts, if Amounts differs in length from TxDates "
     "or an order line with a client has an empty or non-number amount.",
     "One row of three numbers per client in ClientIds: Frequency (distinct purchase days - 1), "
     "Recency (last - first purchase) and Age (AsOf - first purchase), in Unit. Purchases on the "
     "same day count once; transactions after AsOf are ignored; a client without transactions "
     "gives "
     "empty cells. With Amounts, a fourth column Monetary: the amounts of a day are summed, and "
     "Monetary is the mean of the day totals after the first purchase day (0 when Frequency is "
     "0), as lifetimes computes it; negative and zero amounts are kept. See docs/churn.md.",
     "=INDEX(PURCHASESUMMARY(1;{1;1;1};{35431;35448;35644};;7;{29.33;29.73;14.96});1;4) "
     "returns 22.345 (Monetary); {=PURCHASESUMMARY(A2:A100;D2:D5000;E2:E5000;DATE(1997;9;30);7)} "
     "gives weeks.",
     KA_ARGS(
         {"ClientIds", KA_ARG_CELLS, "The clients to summarise (a column of ids), one row each."},
         {"TxClients", KA_ARG_CELLS, "Client id of every order line of the log."},
         {"TxDates", KA_ARG_CELLS, "Date of every order line (same length as TxClients)."},
         {"AsOf", KA_ARG_OPTIONAL,
          "Optional. End of the observation period (a date); default the latest date in TxDates."},
         {"Unit", KA_ARG_OPTIONAL,
          "Optional. Days per time unit of the results: 1 (default) for days, 7 for weeks."},
         {"Amounts", KA_ARG_OPTIONAL,
          "Optional. Amount of every order line (a number, same length as TxDates): adds the "
          "Monetary column."})},
    {"PURCHASECOUNT",
     "Each client's number of purchase days in a date window (after From, up to To). Use it for "
     "a month's purchases or to check a forecast.",
     "Err:502 if TxClients and TxDates differ in length, a date is not a number or out of range, "
     "From or To is not a date, or From is after To.",
     "Distinct purchase days with From < date <= To (by calendar day), one column, one row per "
     "client in ClientIds: the holdout count of a calibration/holdout check (docs/churn.md). A "
     "client with transactions but none in the window gives 0; a client without any transaction "
     "in the log gives an empty cell.",
     "=PURCHASECOUNT(1;{1;1;1;1};{35431;35448;35644;35776};DATE(1997;1;1);DATE(1997;12;31)) "
     "returns 3.",
     KA_ARGS(
         {"ClientIds", KA_ARG_CELLS, "The clients to count (a column of ids), one row each."},
         {"TxClients", KA_ARG_CELLS, "Client id of every order line of the log."},
         {"TxDates", KA_ARG_CELLS, "Date of every order line (same length as TxClients)."},
         {"From", KA_ARG_VALUE, "Start of the window (a date): purchases after this day count."},
         {"To", KA_ARG_VALUE,
          "End of the window (a date): purchases up to and including this day count."})},
    {"BGNBDFIT",
     "Fits the repeat-buying model to all your clients: the parameters CHURNRISK, "
     "EXPECTEDPURCHASES and CLV need. Enter it over 2 x 5 cells.",
     "Err:502 for an invalid row (negative, t_x > T, non-integer x, x = 0 with t_x > 0: fix "
     "that client's row) or ranges of different lengths; Err:523 when the likelihood has no "
     "finite maximum (e.g. nobody ever repurchased). Standard errors that do not exist (the "
     "information matrix is not positive definite) are \"\".",
     "Maximum-likelihood fit of the BG/NBD model (Fader, Hardie & Lee 2005), MBG/NBD or "
     "Pareto/NBD over all clients: a 2 x 5 array, row 1 r; alpha; a; b; log-likelihood "
     "(Pareto/NBD: r; alpha; s; beta; log-likelihood), row 2 the standard error of each "
     "parameter (from the observed information at the maximum) and \"\" under the "
     "log-likelihood. Select 1 x 5 cells for the parameters only. Rows empty in all three ranges "
     "are skipped. See docs/churn.md.",
     "{=BGNBDFIT(B2:B2358;C2:C2358;D2:D2358)} on CDNOW gives 0.2426; 4.4135; 0.7929; 2.4258; "
     "-9582.43 and below them 0.0126; 0.3782; 0.1857; 0.7053.",
     KA_ARGS({"Frequency", KA_ARG_CELLS, FREQS_HELP},
             {"Recency", KA_ARG_CELLS,
              "Time from each client's first to last purchase (0 without repeats), in days or "
              "weeks."},
             {"Age", KA_ARG_CELLS,
              "Time from each client's first purchase to the end of the data (>= Recency), in "
              "Recency's "
              "unit."},
             {"Model", KA_ARG_OPTIONAL, "Optional. 0 (default) BG/NBD, 1 MBG/NBD, 2 Pareto/NBD."})},
    {"CHURNRISK",
     "The chance (0 to 1) that a client has stopped buying, from its purchase history. Use it to "
     "pick clients to win back; 1 - CHURNRISK: still active.",
     "Err:502 for an invalid client (negative, t_x > T, non-integer x, x = 0 with t_x > 0: fix "
     "that row), invalid Params, ranges of different sizes, or a single client without Params; "
     "Err:523 when the fit without Params has no finite maximum, or when the Pareto/NBD series "
     "does not converge (alpha and beta too far apart for the client's history).",
     "1 - P(alive | x, t_x, T) under the model in Params. Without Params the ranges are fitted "
     "first (model per Model) and the result is the array of risks of every client. Array form: "
     "ranges as Frequency, Recency and Age (rows empty in all three give \"\")." CLIENT_NOTES,
     "=1-CHURNRISK(2;30.43;38.86;{0.2426;4.4135;0.7929;2.4258}) returns 0.7266.",
     KA_ARGS({"Frequency", KA_ARG_VALUE, FREQ_HELP}, {"Recency", KA_ARG_VALUE, REC_HELP},
             {"Age", KA_ARG_VALUE, AGE_HELP},
             {"Params", KA_ARG_OPTIONAL,
              "Optional. BGNBDFIT's result (first 4 or 5 cells, or all); left out: the ranges are "
              "fitted first."},
             {"Model", KA_ARG_OPTIONAL, MODEL_HELP})},
    {"EXPECTEDPURCHASES",
     "How many purchases to expect from the client in the next Horizon (days or weeks, as Age). "
     "Use it to plan visits, stock or a sales forecast.",
     "Err:502 for an invalid client (see BGNBDFIT), a negative Horizon, invalid Params or ranges "
     "of different sizes; Err:523 if the series does not converge (Horizon far beyond Age; "
     "Pareto/NBD: alpha and beta too far apart for the client's history).",
     "The conditional BG/NBD, MBG/NBD or Pareto/NBD expectation of the number of purchases in "
     "the next Horizon time units. Array form: ranges as Frequency, Recency and Age (rows empty "
     "in all three give \"\")." CLIENT_NOTES,
     "=EXPECTEDPURCHASES(39;2;30.43;38.86;{0.2426;4.4135;0.7929;2.4258}) returns 1.226.",
     KA_ARGS({"Horizon", KA_ARG_VALUE,
              "Length of the forecast period, in the unit of Age (e.g. 52 for a year in weeks)."},
             {"Frequency", KA_ARG_VALUE, FREQ_HELP}, {"Recency", KA_ARG_VALUE, REC_HELP},
             {"Age", KA_ARG_VALUE, AGE_HELP}, {"Params", KA_ARG_NUMBERS, PARAMS_HELP},
             {"Model", KA_ARG_OPTIONAL, MODEL_HELP})},
    {"DOSSIER",
     "One field of the client's profile kept in this document (Key accounts sidebar), e.g. its "
     "manager. Use it to show profile data next to a client list.",
     "Err:502 for an unknown field name, or a client without a profile when IfMissing is "
     "omitted; a damaged profile gives Err:502 for every field, with or without IfMissing.",
     /* test_functions.c checks the list against the dossier's field table */
     "Field is one of: id, name, industry, employees, website, address, description, "
     "history_text, type, stage, need, solvency, authority, manager, next_review, opportunities, "
     "client_gains, our_gains, their_clients_gain, values, goals; computed: people, "
     "decision_maker, competitors, last_contact, last_satisfaction, satisfaction, overdue "
     "(docs/dossier-format.md describes each). A field of the n-th person, history entry or "
     "competitor is named <list>.<n>.<field>: people.1.name, history.2.date, competitors.1.offer "
     "(the sidebar shows each field's name in its tooltip). A field that is not set gives \"\"; a "
     "client "
     "without a profile gives IfMissing when it is given. Choice fields give their stored codes, "
     "the same in every language: \"type\" one or more of breadwinner, perspective, image-maker, "
     "expert, innovator, demanding (joined by \", \"); \"stage\" butterfly or partnership; "
     "\"need\", \"solvency\" and \"authority\" yes, no or unknown; \"overdue\" review, "
     "satisfaction and/or no-check-yet.",
     "=DOSSIER(\"K0009\";\"manager\";\"-\") returns \"-\" for a client without a profile; "
     "=DOSSIER(A2;\"manager\") gives the account manager of the client in A2.",
     KA_ARGS({"Document", KA_ARG_CALLER, "The calling document (supplied by Calc)."},
             {"Client", KA_ARG_VALUE, "The client id (or exact name), or a range of them."},
             {"Field", KA_ARG_TEXT,
              "Name of the field, e.g. \"manager\", \"stage\", \"next_review\", \"overdue\"; all: "
              "docs/functions.md."},
             {"IfMissing", KA_ARG_OPTIONAL,
              "Optional. The value for a client without a profile, e.g. \"\" for a client list; "
              "omitted: Err:502."})},
    {"GAMMAGAMMAFIT",
     "Fits the spend model to your clients' average order values: the parameters EXPECTEDSPEND "
     "and CLV need. Enter it over 2 x 4 cells.",
     "Err:502 for a Frequency that is not an integer >= 0, a client with Frequency > 0 whose "
     "Monetary is not a number > 0 (fix that row), a row with Monetary but no Frequency, or "
     "ranges of different lengths; Err:523 when the likelihood has no finite maximum (no or one "
     "client with Frequency > 0, all of them alike). Standard errors that do not exist (the "
     "information matrix is not positive definite) are \"\".",
     "Maximum-likelihood fit of the Gamma-Gamma spend model (Fader, Hardie & Lee 2005, \"RFM and "
     "CLV: using iso-value curves\") over the clients with Frequency > 0: a 2 x 4 array, row 1 "
     "p; q; v; log-likelihood, row 2 the standard error of each parameter (from the observed "
     "information at the maximum) and \"\" under the log-likelihood. Select 1 x 4 cells for "
     "the parameters only. Clients with Frequency 0 are skipped (their Monetary is not read), "
     "and so are rows empty in both ranges. See docs/churn.md.",
     "{=GAMMAGAMMAFIT(B2:B2358;E2:E2358)} on CDNOW gives 6.2496; 3.7442; 15.4435; -4055.92 and "
     "below them 1.19; 0.29; 4.16.",
     KA_ARGS({"Frequency", KA_ARG_CELLS, FREQS_HELP},
             {"Monetary", KA_ARG_CELLS,
              "Each client's average spend per repeat purchase, in your currency (> 0 when "
              "Frequency > 0)."})},
    {"EXPECTEDSPEND",
     "The spend to expect per purchase from the client, in your currency: its own average, "
     "pulled toward all clients' average when it bought rarely.",
     "Err:502 for an invalid client (see GAMMAGAMMAFIT), invalid GGParams (q <= 1 has no finite "
     "mean) or ranges of different sizes; Err:523 if the value overflows (q extremely close to "
     "1).",
     "Under the Gamma-Gamma model: p (v + x m) / (p x + q - 1) for Frequency x and Monetary m, "
     "the population mean v p / (q - 1) for Frequency 0. Array form: ranges as Frequency and "
     "Monetary (rows empty in both give \"\"). GGParams: the 4 cells of GAMMAGAMMAFIT's row 1 "
     "(p; q; v; log-likelihood), 3 cells p; q; v, or its whole 2-row result (row 1 is read). See "
     "docs/churn.md.",
     "=EXPECTEDSPEND(2;22.35;{6.2488;3.7446;15.4477}) returns 24.66.",
     KA_ARGS({"Frequency", KA_ARG_VALUE, FREQ_HELP},
             {"Monetary", KA_ARG_VALUE,
              "The client's average spend per repeat purchase (not read when Frequency is 0); or "
              "a range."},
             {"GGParams", KA_ARG_NUMBERS,
              "GAMMAGAMMAFIT's result: its first 3 or 4 cells, or the whole 2-row result."})},
    {"CLV",
     "Customer lifetime value: what the client's expected purchases in the next Months are worth "
     "today, in your currency. Use it to rank clients.",
     "Err:502 for an invalid client (see BGNBDFIT), invalid Params, a Spend that is not a number "
     ">= 0, Months not a whole number from 1 to 1200, MonthlyDiscount <= -1, UnitsPerMonth <= 0, "
     "a Model other than 0, 1 or 2, or ranges of different sizes; Err:523 if an expectation "
     "does not converge (the horizon far beyond Age; Pareto/NBD: alpha and beta too far apart "
     "for the client's history).",
     "The sum over months i of Spend x (E[X(i u)] - E[X((i - 1) u)]) / (1 + MonthlyDiscount)^i, "
     "E[X(t)] the expected purchases in the next t time units (as EXPECTEDPURCHASES), u = "
     "UnitsPerMonth. Array form: ranges as Frequency, Recency and Age (rows empty in all three "
     "give \"\"), Spend one number or a range of the same size." CLIENT_NOTES,
     "=CLV(2;30.43;38.86;{0.2426;4.4135;0.7929;2.4258};24.66;12;0.01;4.345) returns 36.28. "
     "=CLV(2;30.43;38.86;{0.553;10.578;0.606;11.669};24.66;12;0.01;4.345;2) returns 43.08 "
     "(Pareto/NBD).",
     KA_ARGS(
         {"Frequency", KA_ARG_VALUE, FREQ_HELP}, {"Recency", KA_ARG_VALUE, REC_HELP},
         {"Age", KA_ARG_VALUE, AGE_HELP}, {"Params", KA_ARG_NUMBERS, PARAMS_HELP},
         {"Spend", KA_ARG_VALUE,
          "Expected spend per purchase (EXPECTEDSPEND), one number or a range aligned with "
          "Frequency."},
         {"Months", KA_ARG_OPTIONAL, "Optional. Number of months ahead, 1 to 1200; default 12."},
         {"MonthlyDiscount", KA_ARG_OPTIONAL,
          "Optional. Discount rate per month (> -1); default 0.01, i.e. 1 % a month."},
         {"UnitsPerMonth", KA_ARG_OPTIONAL,
          "Optional. Time units of Recency and Age per month: 30 (default) for days, 4.345 for "
          "weeks."},
         {"Model", KA_ARG_OPTIONAL, MODEL_HELP})},
    {"NOPURCHASEPROB",
     "The chance (0 to 1) that the client buys nothing in the next Horizon (days or weeks, as "
     "Age). Use it to spot who may stay silent next quarter.",
     "Err:502 for an invalid client (see BGNBDFIT), a negative Horizon, invalid Params, a Model "
     "other than 0, 1 or 2, or ranges of different sizes; Err:523 if the Pareto/NBD series does "
     "not converge (alpha and beta too far apart for the client's history).",
     "Under the model in Params: 1 - P(alive) + P(alive) ((alpha + T) / (alpha + T + "
     "Horizon))^(r + x) for BG/NBD and MBG/NBD; for Pareto/NBD the likelihood of the history "
     "extended by Horizon without a purchase over that of the history (a client may also drop "
     "out before buying again); 1 for Horizon 0. Array form: ranges as Frequency, Recency and "
     "Age (rows empty in all three give \"\")." CLIENT_NOTES,
     "=NOPURCHASEPROB(10;2;30.43;38.86;{0.2426;4.4135;0.7929;2.4258}) returns 0.7292. "
     "=NOPURCHASEPROB(10;2;30.43;38.86;{0.553;10.578;0.606;11.669};2) returns 0.6898 "
     "(Pareto/NBD).",
     KA_ARGS({"Horizon", KA_ARG_VALUE,
              "Length of the period, in the unit of Age (>= 0; e.g. 13 for a quarter in weeks)."},
             {"Frequency", KA_ARG_VALUE, FREQ_HELP}, {"Recency", KA_ARG_VALUE, REC_HELP},
             {"Age", KA_ARG_VALUE, AGE_HELP}, {"Params", KA_ARG_NUMBERS, PARAMS_HELP},
             {"Model", KA_ARG_OPTIONAL, MODEL_HELP})},
    {"MIGRATION",
     "A table of how many clients moved from each class to each other class between two periods "
     "(e.g. "
     "A to B). Use it to see who grew, shrank, came or left.",
     "Err:502 if From and To (or Weights) differ in length, a client row has no number in "
     "Weights, or there are more than 1000 distinct labels.",
     "Classes are ABC, XYZ, ABC-XYZ, dependency or any labels, in one labelled array: the first "
     "row and column hold the labels that occur in From or To, in ascending order of their text, "
     "then \"-\" for no class (an empty cell: a new or lost client); the top-left cell is empty. "
     "Each inner cell is the number of clients (or the sum of their Weights) that went from its "
     "row's label to its column's; the last row and column, \"Total\", hold the totals. Rows "
     "empty in both From and To are skipped. Enter it as an array formula over (labels + 2) x "
     "(labels + 2) cells. See docs/periods.md.",
     "=INDEX(MIGRATION({\"A\";\"A\";\"B\"};{\"A\";\"B\";\"B\"});2;3) returns 1; "
     "=INDEX(MIGRATION({\"A\";\"A\";\"B\"};{\"A\";\"B\";\"\"});3;4) returns 1.",
     KA_ARGS(
         {"From", KA_ARG_CELLS, "The class of every client in the first period (a column)."},
         {"To", KA_ARG_CELLS, "The class of every client in the second period, aligned with From."},
         {"Weights", KA_ARG_OPTIONAL,
          "Optional. A number per client (e.g. its sales), aligned with From: sums instead "
          "of counts."})},
    {"PERIODTOTALS",
     "Each client's sales or purchase days per month (or week, quarter, year) from the order log: "
     "the series XYZCLASS needs, without a pivot table.",
     "Err:502 if TxClients, TxDates (and Amounts) differ in length, an order line with a client "
     "has no date (or no number in Amounts), a date is out of range, Start is not a date, "
     "Periods is not a whole number from 1 to 16384, or Length is not month, week, quarter, "
     "year or a whole number of days >= 1.",
     "One column per period: the sum of Amounts (without Amounts: the number of distinct "
     "purchase days) in each of Periods consecutive periods, the first starting on the day "
     "Start. A month runs to the day before the same day of the next month, clamped to the "
     "month's end (from 31 Jan: 28 or 29 Feb, 31 Mar, 30 Apr ...). Lines outside the periods "
     "are ignored; a client without purchases in a period gets 0 there; empty ClientIds cells "
     "give empty rows. See docs/periods.md.",
     "=INDEX(PERIODTOTALS(1;{1;1;1};{35431;35448;35644};{10;20;5};DATE(1997;1;1);12);1;1) "
     "returns 30; =INDEX(PERIODTOTALS(1;{1;1;1};{35431;35448;35644};;DATE(1997;1;1);4;"
     "\"quarter\");1;3) returns 1.",
     KA_ARGS({"ClientIds", KA_ARG_CELLS, "The clients, one row each (a column of ids)."},
             {"TxClients", KA_ARG_CELLS, "Client id of every order line of the log."},
             {"TxDates", KA_ARG_CELLS, "Date of every order line (same length as TxClients)."},
             {"Amounts", KA_ARG_OPTIONAL,
              "Optional. Amount of every order line (as long as TxDates); left empty (;;): counts "
              "purchase days."},
             {"Start", KA_ARG_VALUE, "The first day of the first period (a date)."},
             {"Periods", KA_ARG_VALUE, "Number of periods (columns), a whole number 1 to 16384."},
             {"Length", KA_ARG_OPTIONAL,
              "Optional. \"month\" (default), \"week\", \"quarter\", \"year\", or a whole number "
              "of days."})},
    {"RFMSCORE",
     "The client's RFM score, e.g. 545: a digit each for how recently, how often and how much it "
     "buys (5 is best). Use it to sort clients into segments.",
     "Err:502 if SinceLast or Frequency is negative, a value is not a number, a row is partly "
     "empty, the ranges differ in size, Population does not have 3 columns, or Bins is not a "
     "whole number from 2 to 9.",
     "The three-digit number 100 R + 10 F + M, each digit 1..Bins by quantile among all clients: "
     "digit = 1 + floor(Bins x (number of clients strictly worse) / n), worse meaning a larger "
     "SinceLast, a smaller Frequency, a smaller Monetary, so that equal values get equal digits. "
     "SinceLast is the time since the last purchase (smaller is better), NOT the BG/NBD Recency "
     "(first to last purchase). Array form: ranges as the three values are the population (rows "
     "empty in all three give \"\"); the single form takes the population as a 3-column range. "
     "See docs/rfm.md.",
     "=RFMSCORE(10;5;500;5;{10;5;500|30;2;100|60;1;50|5;8;900|90;1;20}) returns 444.",
     KA_ARGS({"SinceLast", KA_ARG_VALUE,
              "Time since the client's last purchase, e.g. in days (>= 0; not Recency); or a "
              "range."},
             {"Frequency", KA_ARG_VALUE, "Number of purchases (>= 0), or a range."},
             {"Monetary", KA_ARG_VALUE,
              "Spend (e.g. sales of the year, in your currency), or a range."},
             {"Bins", KA_ARG_OPTIONAL, "Optional. The highest digit, 2 to 9; default 5."},
             {"Population", KA_ARG_OPTIONAL,
              "Optional. All clients as 3 columns SinceLast, Frequency, Monetary; default the "
              "ranges themselves."})},
    {"RFMSEGMENT",
     "The client's RFM segment, e.g. \"champions\", \"at_risk\" or \"lost\", from its RFM score. "
     "Use it to choose the right offer or call for each client.",
     "Err:502 if a score is not three digits of 1..Bins, Bins is not a whole number from 2 to 9, "
     "only one of Frequency and Monetary is given, or as RFMSCORE.",
     "The segments: champions, loyal, potential_loyalist, new, promising, need_attention, "
     "cannot_lose, at_risk, about_to_sleep, hibernating or lost, from the first matching rule of "
     "the table in docs/rfm.md; every one of the Bins^3 scores has one. The codes are "
     "language-neutral, like the ABC letters. With Frequency and Monetary, the first argument is "
     "SinceLast and the score is computed as RFMSCORE does. Array form: a range (empty cells "
     "give \"\").",
     "=RFMSEGMENT(555) returns \"champions\"; =RFMSEGMENT(155) returns \"cannot_lose\"; "
     "=RFMSEGMENT(212;;;2) returns \"new\".",
     KA_ARGS(
         {"Score", KA_ARG_VALUE,
          "The score (RFMSCORE's result), or a range; with Frequency and Monetary: SinceLast."},
         {"Frequency", KA_ARG_OPTIONAL,
          "Optional. Number of purchases, as in RFMSCORE (then Score is SinceLast)."},
         {"Monetary", KA_ARG_OPTIONAL, "Optional. Spend, as in RFMSCORE."},
         {"Bins", KA_ARG_OPTIONAL, "Optional. The highest digit of the score, 2 to 9; default 5."},
         {"Population", KA_ARG_OPTIONAL,
          "Optional. All clients as 3 columns SinceLast, Frequency, Monetary, as in "
          "RFMSCORE."})},
    /* issue 11, the churn review: the model check, the P(alive) grid, ranked lists, lapses */
    {"REPEATCHECK",
     "How many clients made 0, 1, 2 ... 7+ repeat purchases, against what the fitted model "
     "expects. Use it to check the churn model.",
     "Err:502 for an invalid client (Frequency not an integer >= 0, Age negative), ranges of "
     "different lengths, no client, invalid Params, MaxCount not a whole number from 1 to 100, "
     "or a Model other than 0, 1 or 2.",
     "The model check: how many clients made 0, 1, 2, ... repeat purchases, and how many the "
     "fitted model expects (the sum over the clients of the probability of that count at the "
     "client's Age). One row per count: the count, actual, expected; the last row, labelled "
     "\"7+\" (MaxCount+), holds the clients with MaxCount or more. Enter it as an array "
     "formula over MaxCount + 1 rows and 3 columns. Rows empty in both ranges are skipped.",
     "=INDEX(REPEATCHECK({0.2426;4.4135;0.7929;2.4258};{0;1;2};{30;30;30});1;3) returns 1.8228 "
     "(expected clients without a repeat purchase).",
     KA_ARGS({"Params", KA_ARG_NUMBERS, PARAMS_HELP},
             {"Frequency", KA_ARG_CELLS, "Repeat purchases of every client (integers >= 0)."},
             {"Age", KA_ARG_CELLS, "Age of every client, in the unit of the fit."},
             {"MaxCount", KA_ARG_OPTIONAL,
              "Optional. The last count, which gathers everyone with more; default 7."},
             {"Model", KA_ARG_OPTIONAL, MODEL_HELP})},
    {"PALIVEGRID",
     "The chance that a client is still active, for each number of repeat purchases and time "
     "of the last one. Use it as a coloured map.",
     "Err:502 for invalid Params, an Age that is not a number > 0, MaxFrequency not a whole "
     "number from 0 to 1000, Steps not a whole number from 1 to 100, or a Model other than 0, 1 "
     "or 2; Err:523 when a Pareto/NBD series does not converge.",
     "The probability that a client is still active, P(alive), on a grid, all at the same Age: "
     "row i for Frequency i - 1 (0 .. MaxFrequency), column j for Recency (j - 1) Age / Steps "
     "(0 .. Age). A client with Frequency 0 always has Recency 0, so the rest of the first row "
     "is empty. Enter it over MaxFrequency + 1 rows and Steps + 1 columns, e.g. with a colour "
     "scale.",
     "=INDEX(PALIVEGRID({0.2426;4.4135;0.7929;2.4258};40;2;4);3;4) returns 0.7092 (Frequency 2, "
     "Recency 30).",
     KA_ARGS({"Params", KA_ARG_NUMBERS, PARAMS_HELP},
             {"Age", KA_ARG_VALUE, "The age of the clients on the grid, in the unit of the fit."},
             {"MaxFrequency", KA_ARG_OPTIONAL, "Optional. The last row's Frequency; default 10."},
             {"Steps", KA_ARG_OPTIONAL,
              "Optional. Recency steps from 0 to Age (columns - 1); default 10."},
             {"Model", KA_ARG_OPTIONAL, MODEL_HELP})},
    {"TOPCLIENTS",
     "The clients with the highest score, highest first, with their scores. Use it for live "
     "ranked lists, e.g. who is most at risk.",
     "Err:502 if Clients and Score (or Filter) differ in length, or Count is not a whole number "
     "from 1 to 1048576.",
     "The Count clients with the highest Score, highest first, each with its score: a ranked "
     "list that stays live without sorting. Only rows with a number in Score count, and with "
     "Filter only the rows where Filter is TRUE or a number other than 0; equal scores are "
     "listed by client id. Rows beyond the clients that qualify are empty. Enter it over Count "
     "rows and 2 columns.",
     "=INDEX(TOPCLIENTS({\"K1\";\"K2\";\"K3\"};{0.2;0.9;0.5};2);2;1) returns \"K3\".",
     KA_ARGS({"Clients", KA_ARG_CELLS, "The client ids (a column)."},
             {"Score", KA_ARG_CELLS, "The number to rank by, one per client (e.g. CHURNRISK)."},
             {"Count", KA_ARG_OPTIONAL, "Optional. Length of the list; default 10."},
             {"Filter", KA_ARG_OPTIONAL,
              "Optional. TRUE (or a number other than 0) for the clients to rank, one per client, "
              "e.g. (B2:B500>0)."})},
    {"PURCHASECLIENTS",
     "Each client of an order log once, with the days of the first and last purchase (and what "
     "they bought). Use it to list the log's clients.",
     "Err:502 if TxClients and TxDates (or Amounts) differ in length, an order line with a client "
     "has no date (or no number in Amounts), a date or AsOf is out of range, or Count is not a "
     "whole number from 1 to 1048576.",
     "The clients of an order log, one row each: the client id, the day of the first and of the "
     "last purchase (up to AsOf), in ascending order of the id (numbers first, then texts); with "
     "Amounts a fourth column, the sum of the client's amounts up to AsOf (what he bought). Rows "
     "beyond the last client are empty. The ClientIds that PURCHASESUMMARY needs, and the last "
     "purchase LAPSESBYMONTH needs. Enter it over Count rows and 3 (or 4) columns (format "
     "columns 2 and 3 as dates).",
     "=INDEX(PURCHASECLIENTS({\"B\";\"A\";\"B\"};{35431;35448;35644});2;3) returns 35644 (the "
     "last purchase of B); =INDEX(PURCHASECLIENTS({\"B\";\"A\";\"B\"};{35431;35448;35644};;;"
     "{10;20;5});2;4) returns 15.",
     KA_ARGS(
         {"TxClients", KA_ARG_CELLS, "Client id of every order line of the log."},
         {"TxDates", KA_ARG_CELLS, "Date of every order line (same length as TxClients)."},
         {"AsOf", KA_ARG_OPTIONAL,
          "Optional. End of the observation period; default the latest date in TxDates."},
         {"Count", KA_ARG_OPTIONAL, "Optional. Number of rows; default one per client of the log."},
         {"Amounts", KA_ARG_OPTIONAL,
          "Optional. Amount of every order line (aligned with TxDates): adds what each client "
          "bought."})},
    {"LAPSESBYMONTH",
     "How many clients lapsed in each month (no purchase for LapseDays days). Use it to follow "
     "the number and dynamics of losses.",
     "Err:502 for a date or AsOf out of range, LastDates without a date and no AsOf, LapseDays "
     "not a whole number from 1 to 1000000, or Months not a whole number from 1 to 16384.",
     "The number of clients lapsing in each month: a client lapses LapseDays days after his "
     "last purchase, if he has not bought again; only lapses up to AsOf count. One row per "
     "month, the Months months ending with the month of AsOf: the first day of the month and "
     "the number of clients. Empty and text cells of LastDates are skipped. Enter it over "
     "Months rows and 2 columns.",
     "=INDEX(LAPSESBYMONTH({35431;35448;35644};90;DATE(1998;1;31));3;2) returns 2 (two "
     "clients lapsed in April 1997).",
     KA_ARGS({"LastDates", KA_ARG_CELLS,
              "The date of each client's last purchase (PURCHASECLIENTS' third column)."},
             {"LapseDays", KA_ARG_VALUE,
              "Days without a purchase after which a client counts as lapsed, e.g. 180."},
             {"AsOf", KA_ARG_OPTIONAL,
              "Optional. The day of the count; default the latest of LastDates."},
             {"Months", KA_ARG_OPTIONAL, "Optional. Number of months; default 12."})},
    {"PARETOCURVE",
     "Your clients from the largest to the smallest with their cumulative shares. Use it to draw a "
     "Pareto chart or a concentration curve.",
     "Err:502 if Values holds no positive value, Labels and Values differ in size, or MaxPoints "
     "is not a whole number from 1 to 1048576.",
     "One row per client: the label (without Labels, the "
     "rank), the value, the cumulative share of the total of the positive values, and the "
     "cumulative share of the clients. Above MaxPoints clients, the MaxPoints / 2 largest come "
     "one by one, then the others in blocks of equal numbers of clients: such a row has the "
     "label \"35%\" (the clients up to the largest 35 %), the mean value of its block and the "
     "shares at its end, so a chart of 100,000 clients stays readable. A client is a row with a "
     "number in Values or a label in Labels (no number: no sales); values <= 0 come last. Enter "
     "it as an array formula over 4 columns and as many rows as clients (at most MaxPoints). See "
     "docs/segmentation.md.",
     "=INDEX(PARETOCURVE({10;40;20;30});2;3) returns 0.7 (the two largest clients hold 70 %); "
     "=INDEX(PARETOCURVE({10;40;20;30};{\"K1\";\"K2\";\"K3\";\"K4\"});1;1) returns \"K2\".",
     KA_ARGS({"Values", KA_ARG_CELLS,
              "The value of every client (e.g. annual sales), a column; an empty or text cell "
              "is no sales."},
             {"Labels", KA_ARG_OPTIONAL,
              "Optional. The client ids or names, aligned with Values: the first column of the "
              "result."},
             {"MaxPoints", KA_ARG_OPTIONAL,
              "Optional. Most rows of the result, 1 to 1048576; default 200."})},
};

const size_t ka_function_count = sizeof ka_functions / sizeof ka_functions[0];

const ka_func_info *ka_function_find(const char *name)
{
    for (size_t i = 0; i < ka_function_count; i++)
        if (strcmp(ka_functions[i].name, name) == 0)
            return &ka_functions[i];
    return NULL;
}

const char *ka_arg_kind_idl(ka_arg_kind kind)
{
    switch (kind) {
    case KA_ARG_NUMBERS:
        return "sequence< sequence< double > >";
    case KA_ARG_VALUE:
    case KA_ARG_CELLS:
        return "sequence< sequence< any > >";
    case KA_ARG_TEXT:
        return "string";
    case KA_ARG_CALLER:
        return "com::sun::star::beans::XPropertySet";
    case KA_ARG_OPTIONAL:
        break;
    }
    return "any";
}
