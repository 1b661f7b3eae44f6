"""The text `python main.py new` writes. Placeholders are @NAME@; every comment
teaches a field, so a trainer can learn the format from the file alone."""

TEMPLATE = """\
# yaml-language-server: $schema=@SCHEMA@
#
# A new scenario. Replace every TODO text (all three languages), then check it:
#   python main.py lint @PATH@         problems as file:line:col, with a code
#   python main.py analyze @PATH@      every path, the score range, naive strategies
#   python main.py play @ID@ --text    play it in the terminal
#   python main.py graph @ID@ --format html --out @ID@.html   see the map
# The trainers' guide (docs/authoring.md) explains every field.

id: @ID@                       # [a-z][a-z0-9_]*; the file name is this id + .yaml
version: 1                     # bump when a change alters what a choice means or scores
title: {en: "TODO title", it: "TODO titolo", pl: "TODO tytuł"}
summary:                       # one or two sentences shown before the encounter starts
  en: "TODO: who the client is and what has gone wrong."
  it: "TODO: chi è il cliente e che cosa è andato storto."
  pl: "TODO: kim jest klient i co poszło nie tak."
encounter: @ENCOUNTER@
channel: @CHANNEL@                 # phone | email | chat | social | in_person
difficulty: introductory       # introductory | standard | hard
minutes: 5                     # estimated playing time
pass_score: 65                 # overall score (0-100) needed to pass
sources: [004_3c4903abc408d5f8.txt]   # the seed articles this scenario draws on

persona:                       # the client
  name: TODO Client Name
  company: TODO Company Srl
  role: {en: "TODO role", it: "TODO ruolo", pl: "TODO stanowisko"}
  temperament:
    en: "TODO: what annoys this client, what they value."
    it: "TODO: che cosa irrita questo cliente, che cosa apprezza."
    pl: "TODO: co irytuje tego klienta, co ceni."
  # Traits that matter more (> 1) or less (< 1) to this client; range 0-3, default 1.
  weights: {courtesy: 1.5}

# The relationship at the start, 0-100 (reach: people who saw a public post, >= 0).
initial: {trust: 50, commitment: 50, mood: 30, reputation: 70, reach: 0}
@ESCALATION@
start: opening                 # the first node

nodes:
  opening:
    speaker: client            # client | feed | colleague | manager | narrator
    say:
      en: "TODO: the client's first line."
      it: "TODO: la prima battuta del cliente."
      pl: "TODO: pierwsza kwestia klienta."
    time_limit: 30             # optional: seconds to answer ...
    timeout:                   # ... and then what happens when time runs out
      next: client_lost
      evidence: {responsiveness: -2}        # trait id -> strength -3..3 (never 0)
      effects: {mood: -15, trust: -10}
      feedback:
        en: "TODO: why silence hurt here."
        it: "TODO: perché il silenzio ha fatto danno."
        pl: "TODO: dlaczego milczenie zaszkodziło."
    # Choices are shown in a shuffled order; test plans number them as written.
    # Tip: do not always write the best answer first, or make it the longest:
    # `analyze` warns when such naive strategies would score well.
    choices:
      - id: argue
        text:
          en: "TODO: a defensive answer that sounds reasonable but pushes the fault back."
          it: "TODO: una risposta difensiva che sembra ragionevole ma scarica la colpa."
          pl: "TODO: obronna odpowiedź, która brzmi rozsądnie, ale zrzuca winę."
        evidence: {bad_etiquette: 2}
        effects: {mood: -15, trust: -10}
        feedback:
          en: "TODO: why this backfires."
          it: "TODO: perché si ritorce contro."
          pl: "TODO: dlaczego to obraca się przeciwko nam."
        next: follow_up
      - id: listen
        text:
          en: "TODO: a calm, courteous answer."
          it: "TODO: una risposta calma e cortese."
          pl: "TODO: spokojna, uprzejma odpowiedź."
        # +strength shows the trait, -strength goes against it. For a bad trait
        # (e.g. bad_etiquette) +2 is bad for the relationship and -2 is good.
        evidence: {courtesy: 2, de_escalation: 1}
        effects: {mood: 15, trust: 5@REPLY_FLAG@}   # meters change; set: [flag] sets a flag
        feedback:              # shown after the choice in practice mode
          en: "TODO: why this works."
          it: "TODO: perché funziona."
          pl: "TODO: dlaczego to działa."
        next: follow_up        # a node id or an ending id

  follow_up:
    speaker: client
    say:
      en: "TODO: the client asks what happens next."
      it: "TODO: il cliente chiede che cosa succede adesso."
      pl: "TODO: klient pyta, co dalej."
    choices:
      - id: promise_callback
        text:
          en: "TODO: a concrete promise with a time and a name (I call you back by 5 pm today)."
          it: "TODO: una promessa concreta con ora e nome (la richiamo io entro le 17 di oggi)."
          pl: "TODO: konkretna obietnica z godziną i nazwiskiem (oddzwonię osobiście dziś do 17)."
        evidence: {proactivity: 1, trust_building: 2}
        effects: {trust: 10}
        # tags: [promise:callback]   # facts the shared rules read (promise:, keep:, favour...);
        #                            a promise must come due later: keep:callback or break:callback
        next:                  # a list of {when, next}: the first that holds; the last has no when
          - {when: "chose('opening.listen')", next: client_kept}
          - next: client_wary  # a promise after an argument only half repairs it
      - id: vague
        text:
          en: "TODO: a vague answer that promises nothing and leaves the client waiting."
          it: "TODO: una risposta vaga che non promette nulla e lascia il cliente in attesa."
          pl: "TODO: wymijająca odpowiedź, która nic nie obiecuje i każe klientowi czekać."
        evidence: {terrible_communication: 1}
        effects: {trust: -5}
        next: client_wary
      - id: blame_client
        text:
          en: "TODO: an answer that blames the client for the problem and lectures them."
          it: "TODO: una risposta che dà la colpa al cliente e gli fa la predica."
          pl: "TODO: odpowiedź, która obwinia klienta za problem i poucza go."
        evidence: {negative_attitude: 2, bad_etiquette: 1}
        effects: {trust: -20, mood: -20}
        when: "state.mood < 40"    # optional: the choice is offered only when this holds
        next: client_lost

endings:                       # every ending: outcome success | mixed | failure
  client_kept:
    outcome: success
    title: {en: "TODO: client kept", it: "TODO: cliente mantenuto", pl: "TODO: klient zatrzymany"}
    text:
      en: "TODO: what happens afterwards."
      it: "TODO: che cosa succede dopo."
      pl: "TODO: co dzieje się potem."
  client_wary:
    outcome: mixed
    title: {en: "TODO: client wary", it: "TODO: cliente diffidente", pl: "TODO: klient nieufny"}
    text:
      en: "TODO: what happens afterwards."
      it: "TODO: che cosa succede dopo."
      pl: "TODO: co dzieje się potem."
  client_lost:
    outcome: failure
    title: {en: "TODO: client lost", it: "TODO: cliente perso", pl: "TODO: klient stracony"}
    text:
      en: "TODO: what happens afterwards."
      it: "TODO: che cosa succede dopo."
      pl: "TODO: co dzieje się potem."

# Optional rules for this scenario only (the shared ones live in scenarios/rules/).
# rules:
#   - id: calm_when_furious
#     when: "event.evidence.courtesy > 0 and state.mood < 25"
#     traits: {courtesy: 1}
#     explain: {en: "...", it: "...", pl: "..."}
"""
