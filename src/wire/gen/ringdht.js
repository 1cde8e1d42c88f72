/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const ringdht = $root.ringdht = (() => {

    /**
     * Namespace ringdht.
     * @exports ringdht
     * @namespace
     */
    const ringdht = {};

    ringdht.Envelope = (function() {

        /**
         * Properties of an Envelope.
         * @typedef {Object} ringdht.Envelope.$Properties
         * @property {number|null} [from] Envelope from
         * @property {Array.<ringdht.PeerAddress.$Properties>|null} [addresses] Envelope addresses
         * @property {ringdht.PingRequest.$Properties|null} [pingRequest] Envelope pingRequest
         * @property {ringdht.PingResponse.$Properties|null} [pingResponse] Envelope pingResponse
         * @property {ringdht.Lookup.$Properties|null} [lookup] Envelope lookup
         * @property {ringdht.StoreReady.$Properties|null} [storeReady] Envelope storeReady
         * @property {ringdht.NotFound.$Properties|null} [notFound] Envelope notFound
         * @property {ringdht.JoinRequest.$Properties|null} [joinRequest] Envelope joinRequest
         * @property {ringdht.JoinAccepted.$Properties|null} [joinAccepted] Envelope joinAccepted
         * @property {ringdht.JoinRefused.$Properties|null} [joinRefused] Envelope joinRefused
         * @property {ringdht.SuccessorChange.$Properties|null} [successorChange] Envelope successorChange
         * @property {ringdht.Departure.$Properties|null} [departure] Envelope departure
         * @property {ringdht.DepartureAck.$Properties|null} [departureAck] Envelope departureAck
         * @property {ringdht.Leaving.$Properties|null} [leaving] Envelope leaving
         * @property {ringdht.TransferHeader.$Properties|null} [transferHeader] Envelope transferHeader
         * @property {ringdht.TransferChunk.$Properties|null} [transferChunk] Envelope transferChunk
         * @property {ringdht.TransferEnd.$Properties|null} [transferEnd] Envelope transferEnd
         * @property {ringdht.TransferAck.$Properties|null} [transferAck] Envelope transferAck
         * @property {ringdht.InlineFile.$Properties|null} [inlineFile] Envelope inlineFile
         * @property {ringdht.InlineAck.$Properties|null} [inlineAck] Envelope inlineAck
         * @property {ringdht.SameCopy.$Properties|null} [sameCopy] Envelope sameCopy
         * @property {ringdht.Stored.$Properties|null} [stored] Envelope stored
         * @property {ringdht.Digest.$Properties|null} [digest] Envelope digest
         * @property {ringdht.DigestReply.$Properties|null} [digestReply] Envelope digestReply
         * @property {ringdht.HoldQuery.$Properties|null} [holdQuery] Envelope holdQuery
         * @property {ringdht.HoldReply.$Properties|null} [holdReply] Envelope holdReply
         * @property {ringdht.Settle.$Properties|null} [settle] Envelope settle
         * @property {ringdht.FindSuccessor.$Properties|null} [findSuccessor] Envelope findSuccessor
         * @property {ringdht.SuccessorFound.$Properties|null} [successorFound] Envelope successorFound
         * @property {ringdht.HopAck.$Properties|null} [hopAck] Envelope hopAck
         * @property {ringdht.SuccessorList.$Properties|null} [successorList] Envelope successorList
         * @property {ringdht.IndirectProbe.$Properties|null} [indirectProbe] Envelope indirectProbe
         * @property {ringdht.IndirectAck.$Properties|null} [indirectAck] Envelope indirectAck
         * @property {ringdht.Suspect.$Properties|null} [suspect] Envelope suspect
         * @property {ringdht.Alive.$Properties|null} [alive] Envelope alive
         * @property {"pingRequest"|"pingResponse"|"lookup"|"storeReady"|"notFound"|"joinRequest"|"joinAccepted"|"joinRefused"|"successorChange"|"departure"|"departureAck"|"leaving"|"transferHeader"|"transferChunk"|"transferEnd"|"transferAck"|"inlineFile"|"inlineAck"|"sameCopy"|"stored"|"digest"|"digestReply"|"holdQuery"|"holdReply"|"settle"|"findSuccessor"|"successorFound"|"hopAck"|"successorList"|"indirectProbe"|"indirectAck"|"suspect"|"alive"} [body] Envelope body
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an Envelope.
         * @memberof ringdht
         * @interface IEnvelope
         * @augments ringdht.Envelope.$Properties
         * @deprecated Use ringdht.Envelope.$Properties instead.
         */

        /**
         * Narrowed shape of an Envelope.
         * @typedef {{
         *   from?: number|null;
         *   addresses?: Array.<ringdht.PeerAddress.$Shape>|null;
         *   pingRequest?: ringdht.PingRequest.$Shape|null;
         *   pingResponse?: ringdht.PingResponse.$Shape|null;
         *   lookup?: ringdht.Lookup.$Shape|null;
         *   storeReady?: ringdht.StoreReady.$Shape|null;
         *   notFound?: ringdht.NotFound.$Shape|null;
         *   joinRequest?: ringdht.JoinRequest.$Shape|null;
         *   joinAccepted?: ringdht.JoinAccepted.$Shape|null;
         *   joinRefused?: ringdht.JoinRefused.$Shape|null;
         *   successorChange?: ringdht.SuccessorChange.$Shape|null;
         *   departure?: ringdht.Departure.$Shape|null;
         *   departureAck?: ringdht.DepartureAck.$Shape|null;
         *   leaving?: ringdht.Leaving.$Shape|null;
         *   transferHeader?: ringdht.TransferHeader.$Shape|null;
         *   transferChunk?: ringdht.TransferChunk.$Shape|null;
         *   transferEnd?: ringdht.TransferEnd.$Shape|null;
         *   transferAck?: ringdht.TransferAck.$Shape|null;
         *   inlineFile?: ringdht.InlineFile.$Shape|null;
         *   inlineAck?: ringdht.InlineAck.$Shape|null;
         *   sameCopy?: ringdht.SameCopy.$Shape|null;
         *   stored?: ringdht.Stored.$Shape|null;
         *   digest?: ringdht.Digest.$Shape|null;
         *   digestReply?: ringdht.DigestReply.$Shape|null;
         *   holdQuery?: ringdht.HoldQuery.$Shape|null;
         *   holdReply?: ringdht.HoldReply.$Shape|null;
         *   settle?: ringdht.Settle.$Shape|null;
         *   findSuccessor?: ringdht.FindSuccessor.$Shape|null;
         *   successorFound?: ringdht.SuccessorFound.$Shape|null;
         *   hopAck?: ringdht.HopAck.$Shape|null;
         *   successorList?: ringdht.SuccessorList.$Shape|null;
         *   indirectProbe?: ringdht.IndirectProbe.$Shape|null;
         *   indirectAck?: ringdht.IndirectAck.$Shape|null;
         *   suspect?: ringdht.Suspect.$Shape|null;
         *   alive?: ringdht.Alive.$Shape|null;
         *   $unknowns?: Array.<Uint8Array>;
         * } & (
         *   ({ body?: undefined; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "pingRequest"; pingRequest: ringdht.PingRequest.$Shape; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "pingResponse"; pingRequest?: null; pingResponse: ringdht.PingResponse.$Shape; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "lookup"; pingRequest?: null; pingResponse?: null; lookup: ringdht.Lookup.$Shape; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "storeReady"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady: ringdht.StoreReady.$Shape; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "notFound"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound: ringdht.NotFound.$Shape; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "joinRequest"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest: ringdht.JoinRequest.$Shape; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "joinAccepted"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted: ringdht.JoinAccepted.$Shape; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "joinRefused"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused: ringdht.JoinRefused.$Shape; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "successorChange"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange: ringdht.SuccessorChange.$Shape; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "departure"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure: ringdht.Departure.$Shape; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "departureAck"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck: ringdht.DepartureAck.$Shape; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "leaving"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving: ringdht.Leaving.$Shape; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "transferHeader"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader: ringdht.TransferHeader.$Shape; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "transferChunk"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk: ringdht.TransferChunk.$Shape; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "transferEnd"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd: ringdht.TransferEnd.$Shape; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "transferAck"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck: ringdht.TransferAck.$Shape; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "inlineFile"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile: ringdht.InlineFile.$Shape; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "inlineAck"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck: ringdht.InlineAck.$Shape; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "sameCopy"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy: ringdht.SameCopy.$Shape; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "stored"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored: ringdht.Stored.$Shape; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "digest"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest: ringdht.Digest.$Shape; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "digestReply"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply: ringdht.DigestReply.$Shape; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "holdQuery"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery: ringdht.HoldQuery.$Shape; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "holdReply"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply: ringdht.HoldReply.$Shape; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "settle"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle: ringdht.Settle.$Shape; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "findSuccessor"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor: ringdht.FindSuccessor.$Shape; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "successorFound"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound: ringdht.SuccessorFound.$Shape; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "hopAck"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck: ringdht.HopAck.$Shape; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "successorList"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList: ringdht.SuccessorList.$Shape; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "indirectProbe"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe: ringdht.IndirectProbe.$Shape; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "indirectAck"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck: ringdht.IndirectAck.$Shape; suspect?: null; alive?: null }|{ body?: "suspect"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect: ringdht.Suspect.$Shape; alive?: null }|{ body?: "alive"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive: ringdht.Alive.$Shape })
         * )} ringdht.Envelope.$Shape
         */

        /**
         * Constructs a new Envelope.
         * @memberof ringdht
         * @classdesc Represents an Envelope.
         * @constructor
         * @param {ringdht.Envelope.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Envelope = function (properties) {
            this.addresses = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Envelope from.
         * @member {number} from
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.from = 0;

        /**
         * Envelope addresses.
         * @member {Array.<ringdht.PeerAddress.$Properties>} addresses
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.addresses = $util.emptyArray;

        /**
         * Envelope pingRequest.
         * @member {ringdht.PingRequest.$Properties|null|undefined} pingRequest
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.pingRequest = null;

        /**
         * Envelope pingResponse.
         * @member {ringdht.PingResponse.$Properties|null|undefined} pingResponse
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.pingResponse = null;

        /**
         * Envelope lookup.
         * @member {ringdht.Lookup.$Properties|null|undefined} lookup
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.lookup = null;

        /**
         * Envelope storeReady.
         * @member {ringdht.StoreReady.$Properties|null|undefined} storeReady
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.storeReady = null;

        /**
         * Envelope notFound.
         * @member {ringdht.NotFound.$Properties|null|undefined} notFound
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.notFound = null;

        /**
         * Envelope joinRequest.
         * @member {ringdht.JoinRequest.$Properties|null|undefined} joinRequest
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.joinRequest = null;

        /**
         * Envelope joinAccepted.
         * @member {ringdht.JoinAccepted.$Properties|null|undefined} joinAccepted
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.joinAccepted = null;

        /**
         * Envelope joinRefused.
         * @member {ringdht.JoinRefused.$Properties|null|undefined} joinRefused
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.joinRefused = null;

        /**
         * Envelope successorChange.
         * @member {ringdht.SuccessorChange.$Properties|null|undefined} successorChange
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.successorChange = null;

        /**
         * Envelope departure.
         * @member {ringdht.Departure.$Properties|null|undefined} departure
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.departure = null;

        /**
         * Envelope departureAck.
         * @member {ringdht.DepartureAck.$Properties|null|undefined} departureAck
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.departureAck = null;

        /**
         * Envelope leaving.
         * @member {ringdht.Leaving.$Properties|null|undefined} leaving
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.leaving = null;

        /**
         * Envelope transferHeader.
         * @member {ringdht.TransferHeader.$Properties|null|undefined} transferHeader
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.transferHeader = null;

        /**
         * Envelope transferChunk.
         * @member {ringdht.TransferChunk.$Properties|null|undefined} transferChunk
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.transferChunk = null;

        /**
         * Envelope transferEnd.
         * @member {ringdht.TransferEnd.$Properties|null|undefined} transferEnd
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.transferEnd = null;

        /**
         * Envelope transferAck.
         * @member {ringdht.TransferAck.$Properties|null|undefined} transferAck
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.transferAck = null;

        /**
         * Envelope inlineFile.
         * @member {ringdht.InlineFile.$Properties|null|undefined} inlineFile
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.inlineFile = null;

        /**
         * Envelope inlineAck.
         * @member {ringdht.InlineAck.$Properties|null|undefined} inlineAck
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.inlineAck = null;

        /**
         * Envelope sameCopy.
         * @member {ringdht.SameCopy.$Properties|null|undefined} sameCopy
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.sameCopy = null;

        /**
         * Envelope stored.
         * @member {ringdht.Stored.$Properties|null|undefined} stored
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.stored = null;

        /**
         * Envelope digest.
         * @member {ringdht.Digest.$Properties|null|undefined} digest
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.digest = null;

        /**
         * Envelope digestReply.
         * @member {ringdht.DigestReply.$Properties|null|undefined} digestReply
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.digestReply = null;

        /**
         * Envelope holdQuery.
         * @member {ringdht.HoldQuery.$Properties|null|undefined} holdQuery
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.holdQuery = null;

        /**
         * Envelope holdReply.
         * @member {ringdht.HoldReply.$Properties|null|undefined} holdReply
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.holdReply = null;

        /**
         * Envelope settle.
         * @member {ringdht.Settle.$Properties|null|undefined} settle
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.settle = null;

        /**
         * Envelope findSuccessor.
         * @member {ringdht.FindSuccessor.$Properties|null|undefined} findSuccessor
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.findSuccessor = null;

        /**
         * Envelope successorFound.
         * @member {ringdht.SuccessorFound.$Properties|null|undefined} successorFound
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.successorFound = null;

        /**
         * Envelope hopAck.
         * @member {ringdht.HopAck.$Properties|null|undefined} hopAck
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.hopAck = null;

        /**
         * Envelope successorList.
         * @member {ringdht.SuccessorList.$Properties|null|undefined} successorList
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.successorList = null;

        /**
         * Envelope indirectProbe.
         * @member {ringdht.IndirectProbe.$Properties|null|undefined} indirectProbe
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.indirectProbe = null;

        /**
         * Envelope indirectAck.
         * @member {ringdht.IndirectAck.$Properties|null|undefined} indirectAck
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.indirectAck = null;

        /**
         * Envelope suspect.
         * @member {ringdht.Suspect.$Properties|null|undefined} suspect
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.suspect = null;

        /**
         * Envelope alive.
         * @member {ringdht.Alive.$Properties|null|undefined} alive
         * @memberof ringdht.Envelope
         * @instance
         */
        Envelope.prototype.alive = null;

        // OneOf field names bound to virtual getters and setters
        let $oneOfFields;

        /**
         * Envelope body.
         * @member {"pingRequest"|"pingResponse"|"lookup"|"storeReady"|"notFound"|"joinRequest"|"joinAccepted"|"joinRefused"|"successorChange"|"departure"|"departureAck"|"leaving"|"transferHeader"|"transferChunk"|"transferEnd"|"transferAck"|"inlineFile"|"inlineAck"|"sameCopy"|"stored"|"digest"|"digestReply"|"holdQuery"|"holdReply"|"settle"|"findSuccessor"|"successorFound"|"hopAck"|"successorList"|"indirectProbe"|"indirectAck"|"suspect"|"alive"|undefined} body
         * @memberof ringdht.Envelope
         * @instance
         */
        $Object.defineProperty(Envelope.prototype, "body", {
            get: $util.oneOfGetter($oneOfFields = ["pingRequest", "pingResponse", "lookup", "storeReady", "notFound", "joinRequest", "joinAccepted", "joinRefused", "successorChange", "departure", "departureAck", "leaving", "transferHeader", "transferChunk", "transferEnd", "transferAck", "inlineFile", "inlineAck", "sameCopy", "stored", "digest", "digestReply", "holdQuery", "holdReply", "settle", "findSuccessor", "successorFound", "hopAck", "successorList", "indirectProbe", "indirectAck", "suspect", "alive"]),
            set: $util.oneOfSetter($oneOfFields)
        });

        /**
         * Creates a new Envelope instance using the specified properties.
         * @function create
         * @memberof ringdht.Envelope
         * @static
         * @param {ringdht.Envelope.$Properties=} [properties] Properties to set
         * @returns {ringdht.Envelope} Envelope instance
         * @type {{
         *   (properties: ringdht.Envelope.$Shape): ringdht.Envelope & ringdht.Envelope.$Shape;
         *   (properties?: ringdht.Envelope.$Properties): ringdht.Envelope;
         * }}
         */
        Envelope.create = function(properties) {
            return new Envelope(properties);
        };

        /**
         * Encodes the specified Envelope message. Does not implicitly {@link ringdht.Envelope.verify|verify} messages.
         * @function encode
         * @memberof ringdht.Envelope
         * @static
         * @param {ringdht.Envelope.$Properties} message Envelope message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Envelope.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.from != null && $Object.hasOwnProperty.call(message, "from") && message.from !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.from);
            if (message.addresses != null && message.addresses.length)
                for (let i = 0; i < message.addresses.length; ++i)
                    $root.ringdht.PeerAddress.encode(message.addresses[i], writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
            if (message.pingRequest != null && $Object.hasOwnProperty.call(message, "pingRequest"))
                $root.ringdht.PingRequest.encode(message.pingRequest, writer.uint32(/* id 10, wireType 2 =*/82).fork(), _depth + 1).ldelim();
            if (message.pingResponse != null && $Object.hasOwnProperty.call(message, "pingResponse"))
                $root.ringdht.PingResponse.encode(message.pingResponse, writer.uint32(/* id 11, wireType 2 =*/90).fork(), _depth + 1).ldelim();
            if (message.lookup != null && $Object.hasOwnProperty.call(message, "lookup"))
                $root.ringdht.Lookup.encode(message.lookup, writer.uint32(/* id 12, wireType 2 =*/98).fork(), _depth + 1).ldelim();
            if (message.storeReady != null && $Object.hasOwnProperty.call(message, "storeReady"))
                $root.ringdht.StoreReady.encode(message.storeReady, writer.uint32(/* id 13, wireType 2 =*/106).fork(), _depth + 1).ldelim();
            if (message.notFound != null && $Object.hasOwnProperty.call(message, "notFound"))
                $root.ringdht.NotFound.encode(message.notFound, writer.uint32(/* id 14, wireType 2 =*/114).fork(), _depth + 1).ldelim();
            if (message.joinRequest != null && $Object.hasOwnProperty.call(message, "joinRequest"))
                $root.ringdht.JoinRequest.encode(message.joinRequest, writer.uint32(/* id 15, wireType 2 =*/122).fork(), _depth + 1).ldelim();
            if (message.joinAccepted != null && $Object.hasOwnProperty.call(message, "joinAccepted"))
                $root.ringdht.JoinAccepted.encode(message.joinAccepted, writer.uint32(/* id 16, wireType 2 =*/130).fork(), _depth + 1).ldelim();
            if (message.joinRefused != null && $Object.hasOwnProperty.call(message, "joinRefused"))
                $root.ringdht.JoinRefused.encode(message.joinRefused, writer.uint32(/* id 17, wireType 2 =*/138).fork(), _depth + 1).ldelim();
            if (message.successorChange != null && $Object.hasOwnProperty.call(message, "successorChange"))
                $root.ringdht.SuccessorChange.encode(message.successorChange, writer.uint32(/* id 18, wireType 2 =*/146).fork(), _depth + 1).ldelim();
            if (message.departure != null && $Object.hasOwnProperty.call(message, "departure"))
                $root.ringdht.Departure.encode(message.departure, writer.uint32(/* id 19, wireType 2 =*/154).fork(), _depth + 1).ldelim();
            if (message.transferHeader != null && $Object.hasOwnProperty.call(message, "transferHeader"))
                $root.ringdht.TransferHeader.encode(message.transferHeader, writer.uint32(/* id 20, wireType 2 =*/162).fork(), _depth + 1).ldelim();
            if (message.transferChunk != null && $Object.hasOwnProperty.call(message, "transferChunk"))
                $root.ringdht.TransferChunk.encode(message.transferChunk, writer.uint32(/* id 21, wireType 2 =*/170).fork(), _depth + 1).ldelim();
            if (message.transferEnd != null && $Object.hasOwnProperty.call(message, "transferEnd"))
                $root.ringdht.TransferEnd.encode(message.transferEnd, writer.uint32(/* id 22, wireType 2 =*/178).fork(), _depth + 1).ldelim();
            if (message.transferAck != null && $Object.hasOwnProperty.call(message, "transferAck"))
                $root.ringdht.TransferAck.encode(message.transferAck, writer.uint32(/* id 23, wireType 2 =*/186).fork(), _depth + 1).ldelim();
            if (message.departureAck != null && $Object.hasOwnProperty.call(message, "departureAck"))
                $root.ringdht.DepartureAck.encode(message.departureAck, writer.uint32(/* id 24, wireType 2 =*/194).fork(), _depth + 1).ldelim();
            if (message.leaving != null && $Object.hasOwnProperty.call(message, "leaving"))
                $root.ringdht.Leaving.encode(message.leaving, writer.uint32(/* id 25, wireType 2 =*/202).fork(), _depth + 1).ldelim();
            if (message.inlineFile != null && $Object.hasOwnProperty.call(message, "inlineFile"))
                $root.ringdht.InlineFile.encode(message.inlineFile, writer.uint32(/* id 26, wireType 2 =*/210).fork(), _depth + 1).ldelim();
            if (message.inlineAck != null && $Object.hasOwnProperty.call(message, "inlineAck"))
                $root.ringdht.InlineAck.encode(message.inlineAck, writer.uint32(/* id 27, wireType 2 =*/218).fork(), _depth + 1).ldelim();
            if (message.sameCopy != null && $Object.hasOwnProperty.call(message, "sameCopy"))
                $root.ringdht.SameCopy.encode(message.sameCopy, writer.uint32(/* id 28, wireType 2 =*/226).fork(), _depth + 1).ldelim();
            if (message.stored != null && $Object.hasOwnProperty.call(message, "stored"))
                $root.ringdht.Stored.encode(message.stored, writer.uint32(/* id 40, wireType 2 =*/322).fork(), _depth + 1).ldelim();
            if (message.digest != null && $Object.hasOwnProperty.call(message, "digest"))
                $root.ringdht.Digest.encode(message.digest, writer.uint32(/* id 41, wireType 2 =*/330).fork(), _depth + 1).ldelim();
            if (message.digestReply != null && $Object.hasOwnProperty.call(message, "digestReply"))
                $root.ringdht.DigestReply.encode(message.digestReply, writer.uint32(/* id 42, wireType 2 =*/338).fork(), _depth + 1).ldelim();
            if (message.holdQuery != null && $Object.hasOwnProperty.call(message, "holdQuery"))
                $root.ringdht.HoldQuery.encode(message.holdQuery, writer.uint32(/* id 43, wireType 2 =*/346).fork(), _depth + 1).ldelim();
            if (message.holdReply != null && $Object.hasOwnProperty.call(message, "holdReply"))
                $root.ringdht.HoldReply.encode(message.holdReply, writer.uint32(/* id 44, wireType 2 =*/354).fork(), _depth + 1).ldelim();
            if (message.settle != null && $Object.hasOwnProperty.call(message, "settle"))
                $root.ringdht.Settle.encode(message.settle, writer.uint32(/* id 45, wireType 2 =*/362).fork(), _depth + 1).ldelim();
            if (message.findSuccessor != null && $Object.hasOwnProperty.call(message, "findSuccessor"))
                $root.ringdht.FindSuccessor.encode(message.findSuccessor, writer.uint32(/* id 60, wireType 2 =*/482).fork(), _depth + 1).ldelim();
            if (message.successorFound != null && $Object.hasOwnProperty.call(message, "successorFound"))
                $root.ringdht.SuccessorFound.encode(message.successorFound, writer.uint32(/* id 61, wireType 2 =*/490).fork(), _depth + 1).ldelim();
            if (message.hopAck != null && $Object.hasOwnProperty.call(message, "hopAck"))
                $root.ringdht.HopAck.encode(message.hopAck, writer.uint32(/* id 62, wireType 2 =*/498).fork(), _depth + 1).ldelim();
            if (message.successorList != null && $Object.hasOwnProperty.call(message, "successorList"))
                $root.ringdht.SuccessorList.encode(message.successorList, writer.uint32(/* id 70, wireType 2 =*/562).fork(), _depth + 1).ldelim();
            if (message.indirectProbe != null && $Object.hasOwnProperty.call(message, "indirectProbe"))
                $root.ringdht.IndirectProbe.encode(message.indirectProbe, writer.uint32(/* id 71, wireType 2 =*/570).fork(), _depth + 1).ldelim();
            if (message.indirectAck != null && $Object.hasOwnProperty.call(message, "indirectAck"))
                $root.ringdht.IndirectAck.encode(message.indirectAck, writer.uint32(/* id 72, wireType 2 =*/578).fork(), _depth + 1).ldelim();
            if (message.suspect != null && $Object.hasOwnProperty.call(message, "suspect"))
                $root.ringdht.Suspect.encode(message.suspect, writer.uint32(/* id 73, wireType 2 =*/586).fork(), _depth + 1).ldelim();
            if (message.alive != null && $Object.hasOwnProperty.call(message, "alive"))
                $root.ringdht.Alive.encode(message.alive, writer.uint32(/* id 74, wireType 2 =*/594).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes an Envelope message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.Envelope
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.Envelope & ringdht.Envelope.$Shape} Envelope
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Envelope.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.Envelope();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.from = value;
                        else
                            delete message.from;
                        continue;
                    }
                case 5: {
                        if (wireType !== 2)
                            break;
                        if (!(message.addresses && message.addresses.length))
                            message.addresses = [];
                        message.addresses.push($root.ringdht.PeerAddress.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                case 10: {
                        if (wireType !== 2)
                            break;
                        message.pingRequest = $root.ringdht.PingRequest.decode(reader, reader.size(), $undefined, _depth + 1, message.pingRequest);
                        message.body = "pingRequest";
                        continue;
                    }
                case 11: {
                        if (wireType !== 2)
                            break;
                        message.pingResponse = $root.ringdht.PingResponse.decode(reader, reader.size(), $undefined, _depth + 1, message.pingResponse);
                        message.body = "pingResponse";
                        continue;
                    }
                case 12: {
                        if (wireType !== 2)
                            break;
                        message.lookup = $root.ringdht.Lookup.decode(reader, reader.size(), $undefined, _depth + 1, message.lookup);
                        message.body = "lookup";
                        continue;
                    }
                case 13: {
                        if (wireType !== 2)
                            break;
                        message.storeReady = $root.ringdht.StoreReady.decode(reader, reader.size(), $undefined, _depth + 1, message.storeReady);
                        message.body = "storeReady";
                        continue;
                    }
                case 14: {
                        if (wireType !== 2)
                            break;
                        message.notFound = $root.ringdht.NotFound.decode(reader, reader.size(), $undefined, _depth + 1, message.notFound);
                        message.body = "notFound";
                        continue;
                    }
                case 15: {
                        if (wireType !== 2)
                            break;
                        message.joinRequest = $root.ringdht.JoinRequest.decode(reader, reader.size(), $undefined, _depth + 1, message.joinRequest);
                        message.body = "joinRequest";
                        continue;
                    }
                case 16: {
                        if (wireType !== 2)
                            break;
                        message.joinAccepted = $root.ringdht.JoinAccepted.decode(reader, reader.size(), $undefined, _depth + 1, message.joinAccepted);
                        message.body = "joinAccepted";
                        continue;
                    }
                case 17: {
                        if (wireType !== 2)
                            break;
                        message.joinRefused = $root.ringdht.JoinRefused.decode(reader, reader.size(), $undefined, _depth + 1, message.joinRefused);
                        message.body = "joinRefused";
                        continue;
                    }
                case 18: {
                        if (wireType !== 2)
                            break;
                        message.successorChange = $root.ringdht.SuccessorChange.decode(reader, reader.size(), $undefined, _depth + 1, message.successorChange);
                        message.body = "successorChange";
                        continue;
                    }
                case 19: {
                        if (wireType !== 2)
                            break;
                        message.departure = $root.ringdht.Departure.decode(reader, reader.size(), $undefined, _depth + 1, message.departure);
                        message.body = "departure";
                        continue;
                    }
                case 24: {
                        if (wireType !== 2)
                            break;
                        message.departureAck = $root.ringdht.DepartureAck.decode(reader, reader.size(), $undefined, _depth + 1, message.departureAck);
                        message.body = "departureAck";
                        continue;
                    }
                case 25: {
                        if (wireType !== 2)
                            break;
                        message.leaving = $root.ringdht.Leaving.decode(reader, reader.size(), $undefined, _depth + 1, message.leaving);
                        message.body = "leaving";
                        continue;
                    }
                case 20: {
                        if (wireType !== 2)
                            break;
                        message.transferHeader = $root.ringdht.TransferHeader.decode(reader, reader.size(), $undefined, _depth + 1, message.transferHeader);
                        message.body = "transferHeader";
                        continue;
                    }
                case 21: {
                        if (wireType !== 2)
                            break;
                        message.transferChunk = $root.ringdht.TransferChunk.decode(reader, reader.size(), $undefined, _depth + 1, message.transferChunk);
                        message.body = "transferChunk";
                        continue;
                    }
                case 22: {
                        if (wireType !== 2)
                            break;
                        message.transferEnd = $root.ringdht.TransferEnd.decode(reader, reader.size(), $undefined, _depth + 1, message.transferEnd);
                        message.body = "transferEnd";
                        continue;
                    }
                case 23: {
                        if (wireType !== 2)
                            break;
                        message.transferAck = $root.ringdht.TransferAck.decode(reader, reader.size(), $undefined, _depth + 1, message.transferAck);
                        message.body = "transferAck";
                        continue;
                    }
                case 26: {
                        if (wireType !== 2)
                            break;
                        message.inlineFile = $root.ringdht.InlineFile.decode(reader, reader.size(), $undefined, _depth + 1, message.inlineFile);
                        message.body = "inlineFile";
                        continue;
                    }
                case 27: {
                        if (wireType !== 2)
                            break;
                        message.inlineAck = $root.ringdht.InlineAck.decode(reader, reader.size(), $undefined, _depth + 1, message.inlineAck);
                        message.body = "inlineAck";
                        continue;
                    }
                case 28: {
                        if (wireType !== 2)
                            break;
                        message.sameCopy = $root.ringdht.SameCopy.decode(reader, reader.size(), $undefined, _depth + 1, message.sameCopy);
                        message.body = "sameCopy";
                        continue;
                    }
                case 40: {
                        if (wireType !== 2)
                            break;
                        message.stored = $root.ringdht.Stored.decode(reader, reader.size(), $undefined, _depth + 1, message.stored);
                        message.body = "stored";
                        continue;
                    }
                case 41: {
                        if (wireType !== 2)
                            break;
                        message.digest = $root.ringdht.Digest.decode(reader, reader.size(), $undefined, _depth + 1, message.digest);
                        message.body = "digest";
                        continue;
                    }
                case 42: {
                        if (wireType !== 2)
                            break;
                        message.digestReply = $root.ringdht.DigestReply.decode(reader, reader.size(), $undefined, _depth + 1, message.digestReply);
                        message.body = "digestReply";
                        continue;
                    }
                case 43: {
                        if (wireType !== 2)
                            break;
                        message.holdQuery = $root.ringdht.HoldQuery.decode(reader, reader.size(), $undefined, _depth + 1, message.holdQuery);
                        message.body = "holdQuery";
                        continue;
                    }
                case 44: {
                        if (wireType !== 2)
                            break;
                        message.holdReply = $root.ringdht.HoldReply.decode(reader, reader.size(), $undefined, _depth + 1, message.holdReply);
                        message.body = "holdReply";
                        continue;
                    }
                case 45: {
                        if (wireType !== 2)
                            break;
                        message.settle = $root.ringdht.Settle.decode(reader, reader.size(), $undefined, _depth + 1, message.settle);
                        message.body = "settle";
                        continue;
                    }
                case 60: {
                        if (wireType !== 2)
                            break;
                        message.findSuccessor = $root.ringdht.FindSuccessor.decode(reader, reader.size(), $undefined, _depth + 1, message.findSuccessor);
                        message.body = "findSuccessor";
                        continue;
                    }
                case 61: {
                        if (wireType !== 2)
                            break;
                        message.successorFound = $root.ringdht.SuccessorFound.decode(reader, reader.size(), $undefined, _depth + 1, message.successorFound);
                        message.body = "successorFound";
                        continue;
                    }
                case 62: {
                        if (wireType !== 2)
                            break;
                        message.hopAck = $root.ringdht.HopAck.decode(reader, reader.size(), $undefined, _depth + 1, message.hopAck);
                        message.body = "hopAck";
                        continue;
                    }
                case 70: {
                        if (wireType !== 2)
                            break;
                        message.successorList = $root.ringdht.SuccessorList.decode(reader, reader.size(), $undefined, _depth + 1, message.successorList);
                        message.body = "successorList";
                        continue;
                    }
                case 71: {
                        if (wireType !== 2)
                            break;
                        message.indirectProbe = $root.ringdht.IndirectProbe.decode(reader, reader.size(), $undefined, _depth + 1, message.indirectProbe);
                        message.body = "indirectProbe";
                        continue;
                    }
                case 72: {
                        if (wireType !== 2)
                            break;
                        message.indirectAck = $root.ringdht.IndirectAck.decode(reader, reader.size(), $undefined, _depth + 1, message.indirectAck);
                        message.body = "indirectAck";
                        continue;
                    }
                case 73: {
                        if (wireType !== 2)
                            break;
                        message.suspect = $root.ringdht.Suspect.decode(reader, reader.size(), $undefined, _depth + 1, message.suspect);
                        message.body = "suspect";
                        continue;
                    }
                case 74: {
                        if (wireType !== 2)
                            break;
                        message.alive = $root.ringdht.Alive.decode(reader, reader.size(), $undefined, _depth + 1, message.alive);
                        message.body = "alive";
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return Envelope;
    })();

    ringdht.PingRequest = (function() {

        /**
         * Properties of a PingRequest.
         * @typedef {Object} ringdht.PingRequest.$Properties
         * @property {number|null} [seq] PingRequest seq
         * @property {number|null} [rank] PingRequest rank
         * @property {Array.<number>|null} [predecessors] PingRequest predecessors
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a PingRequest.
         * @memberof ringdht
         * @interface IPingRequest
         * @augments ringdht.PingRequest.$Properties
         * @deprecated Use ringdht.PingRequest.$Properties instead.
         */

        /**
         * Shape of a PingRequest.
         * @typedef {ringdht.PingRequest.$Properties} ringdht.PingRequest.$Shape
         */

        /**
         * Constructs a new PingRequest.
         * @memberof ringdht
         * @classdesc Represents a PingRequest.
         * @constructor
         * @param {ringdht.PingRequest.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const PingRequest = function (properties) {
            this.predecessors = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * PingRequest seq.
         * @member {number} seq
         * @memberof ringdht.PingRequest
         * @instance
         */
        PingRequest.prototype.seq = 0;

        /**
         * PingRequest rank.
         * @member {number} rank
         * @memberof ringdht.PingRequest
         * @instance
         */
        PingRequest.prototype.rank = 0;

        /**
         * PingRequest predecessors.
         * @member {Array.<number>} predecessors
         * @memberof ringdht.PingRequest
         * @instance
         */
        PingRequest.prototype.predecessors = $util.emptyArray;

        /**
         * Creates a new PingRequest instance using the specified properties.
         * @function create
         * @memberof ringdht.PingRequest
         * @static
         * @param {ringdht.PingRequest.$Properties=} [properties] Properties to set
         * @returns {ringdht.PingRequest} PingRequest instance
         * @type {{
         *   (properties: ringdht.PingRequest.$Shape): ringdht.PingRequest & ringdht.PingRequest.$Shape;
         *   (properties?: ringdht.PingRequest.$Properties): ringdht.PingRequest;
         * }}
         */
        PingRequest.create = function(properties) {
            return new PingRequest(properties);
        };

        /**
         * Encodes the specified PingRequest message. Does not implicitly {@link ringdht.PingRequest.verify|verify} messages.
         * @function encode
         * @memberof ringdht.PingRequest
         * @static
         * @param {ringdht.PingRequest.$Properties} message PingRequest message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        PingRequest.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && message.seq !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.seq);
            if (message.rank != null && $Object.hasOwnProperty.call(message, "rank") && message.rank !== 0)
                writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.rank);
            if (message.predecessors != null && message.predecessors.length)
                writer.uint32(/* id 3, wireType 2 =*/26).uint32s(message.predecessors);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a PingRequest message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.PingRequest
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.PingRequest & ringdht.PingRequest.$Shape} PingRequest
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        PingRequest.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.PingRequest();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.seq = value;
                        else
                            delete message.seq;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.rank = value;
                        else
                            delete message.rank;
                        continue;
                    }
                case 3: {
                        if (wireType === 2) {
                            if (!(message.predecessors && message.predecessors.length))
                                message.predecessors = [];
                            reader.uint32s(message.predecessors);
                            continue;
                        }
                        if (wireType !== 0)
                            break;
                        if (!(message.predecessors && message.predecessors.length))
                            message.predecessors = [];
                        message.predecessors.push(reader.uint32());
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return PingRequest;
    })();

    ringdht.PingResponse = (function() {

        /**
         * Properties of a PingResponse.
         * @typedef {Object} ringdht.PingResponse.$Properties
         * @property {number|null} [seq] PingResponse seq
         * @property {Array.<number>|null} [successors] PingResponse successors
         * @property {boolean|null} [hasPredecessor] PingResponse hasPredecessor
         * @property {number|null} [predecessor] PingResponse predecessor
         * @property {string|null} [zone] PingResponse zone
         * @property {Array.<string>|null} [zones] PingResponse zones
         * @property {number|null} [incarnation] PingResponse incarnation
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a PingResponse.
         * @memberof ringdht
         * @interface IPingResponse
         * @augments ringdht.PingResponse.$Properties
         * @deprecated Use ringdht.PingResponse.$Properties instead.
         */

        /**
         * Shape of a PingResponse.
         * @typedef {ringdht.PingResponse.$Properties} ringdht.PingResponse.$Shape
         */

        /**
         * Constructs a new PingResponse.
         * @memberof ringdht
         * @classdesc Represents a PingResponse.
         * @constructor
         * @param {ringdht.PingResponse.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const PingResponse = function (properties) {
            this.successors = [];
            this.zones = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * PingResponse seq.
         * @member {number} seq
         * @memberof ringdht.PingResponse
         * @instance
         */
        PingResponse.prototype.seq = 0;

        /**
         * PingResponse successors.
         * @member {Array.<number>} successors
         * @memberof ringdht.PingResponse
         * @instance
         */
        PingResponse.prototype.successors = $util.emptyArray;

        /**
         * PingResponse hasPredecessor.
         * @member {boolean} hasPredecessor
         * @memberof ringdht.PingResponse
         * @instance
         */
        PingResponse.prototype.hasPredecessor = false;

        /**
         * PingResponse predecessor.
         * @member {number} predecessor
         * @memberof ringdht.PingResponse
         * @instance
         */
        PingResponse.prototype.predecessor = 0;

        /**
         * PingResponse zone.
         * @member {string} zone
         * @memberof ringdht.PingResponse
         * @instance
         */
        PingResponse.prototype.zone = "";

        /**
         * PingResponse zones.
         * @member {Array.<string>} zones
         * @memberof ringdht.PingResponse
         * @instance
         */
        PingResponse.prototype.zones = $util.emptyArray;

        /**
         * PingResponse incarnation.
         * @member {number} incarnation
         * @memberof ringdht.PingResponse
         * @instance
         */
        PingResponse.prototype.incarnation = 0;

        /**
         * Creates a new PingResponse instance using the specified properties.
         * @function create
         * @memberof ringdht.PingResponse
         * @static
         * @param {ringdht.PingResponse.$Properties=} [properties] Properties to set
         * @returns {ringdht.PingResponse} PingResponse instance
         * @type {{
         *   (properties: ringdht.PingResponse.$Shape): ringdht.PingResponse & ringdht.PingResponse.$Shape;
         *   (properties?: ringdht.PingResponse.$Properties): ringdht.PingResponse;
         * }}
         */
        PingResponse.create = function(properties) {
            return new PingResponse(properties);
        };

        /**
         * Encodes the specified PingResponse message. Does not implicitly {@link ringdht.PingResponse.verify|verify} messages.
         * @function encode
         * @memberof ringdht.PingResponse
         * @static
         * @param {ringdht.PingResponse.$Properties} message PingResponse message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        PingResponse.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && message.seq !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.seq);
            if (message.successors != null && message.successors.length)
                writer.uint32(/* id 2, wireType 2 =*/18).uint32s(message.successors);
            if (message.hasPredecessor != null && $Object.hasOwnProperty.call(message, "hasPredecessor") && message.hasPredecessor !== false)
                writer.uint32(/* id 3, wireType 0 =*/24).bool(message.hasPredecessor);
            if (message.predecessor != null && $Object.hasOwnProperty.call(message, "predecessor") && message.predecessor !== 0)
                writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.predecessor);
            if (message.zone != null && $Object.hasOwnProperty.call(message, "zone") && message.zone !== "")
                writer.uint32(/* id 5, wireType 2 =*/42).string(message.zone);
            if (message.zones != null && message.zones.length)
                for (let i = 0; i < message.zones.length; ++i)
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.zones[i]);
            if (message.incarnation != null && $Object.hasOwnProperty.call(message, "incarnation") && message.incarnation !== 0)
                writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.incarnation);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a PingResponse message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.PingResponse
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.PingResponse & ringdht.PingResponse.$Shape} PingResponse
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        PingResponse.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.PingResponse();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.seq = value;
                        else
                            delete message.seq;
                        continue;
                    }
                case 2: {
                        if (wireType === 2) {
                            if (!(message.successors && message.successors.length))
                                message.successors = [];
                            reader.uint32s(message.successors);
                            continue;
                        }
                        if (wireType !== 0)
                            break;
                        if (!(message.successors && message.successors.length))
                            message.successors = [];
                        message.successors.push(reader.uint32());
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.hasPredecessor = value;
                        else
                            delete message.hasPredecessor;
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.predecessor = value;
                        else
                            delete message.predecessor;
                        continue;
                    }
                case 5: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.zone = value;
                        else
                            delete message.zone;
                        continue;
                    }
                case 6: {
                        if (wireType !== 2)
                            break;
                        if (!(message.zones && message.zones.length))
                            message.zones = [];
                        message.zones.push(reader.stringVerify());
                        continue;
                    }
                case 7: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.incarnation = value;
                        else
                            delete message.incarnation;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return PingResponse;
    })();

    /**
     * LookupKind enum.
     * @name ringdht.LookupKind
     * @enum {number}
     * @property {number} LOOKUP_KIND_UNSPECIFIED=0 LOOKUP_KIND_UNSPECIFIED value
     * @property {number} STORE=1 STORE value
     * @property {number} REQUEST=2 REQUEST value
     */
    ringdht.LookupKind = (function() {
        const valuesById = $Object.create(null), values = $Object.create(valuesById);
        values[valuesById[0] = "LOOKUP_KIND_UNSPECIFIED"] = 0;
        values[valuesById[1] = "STORE"] = 1;
        values[valuesById[2] = "REQUEST"] = 2;
        return values;
    })();

    ringdht.Lookup = (function() {

        /**
         * Properties of a Lookup.
         * @typedef {Object} ringdht.Lookup.$Properties
         * @property {ringdht.LookupKind|null} [kind] Lookup kind
         * @property {number|null} [origin] Lookup origin
         * @property {number|null} [op] Lookup op
         * @property {string|null} [name] Lookup name
         * @property {number|null} [key] Lookup key
         * @property {boolean|null} [final] Lookup final
         * @property {number|null} [hops] Lookup hops
         * @property {number|null} [ack] Lookup ack
         * @property {number|null} [attempt] Lookup attempt
         * @property {number|null} [responsible] Lookup responsible
         * @property {ringdht.Version.$Properties|null} [holds] Lookup holds
         * @property {Array.<number>|null} [holders] Lookup holders
         * @property {boolean|null} [detoured] Lookup detoured
         * @property {number|null} [retry] Lookup retry
         * @property {boolean|null} [stale] Lookup stale
         * @property {boolean|null} [passedOver] Lookup passedOver
         * @property {boolean|null} [also] Lookup also
         * @property {boolean|null} [unsettled] Lookup unsettled
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Lookup.
         * @memberof ringdht
         * @interface ILookup
         * @augments ringdht.Lookup.$Properties
         * @deprecated Use ringdht.Lookup.$Properties instead.
         */

        /**
         * Shape of a Lookup.
         * @typedef {ringdht.Lookup.$Properties} ringdht.Lookup.$Shape
         */

        /**
         * Constructs a new Lookup.
         * @memberof ringdht
         * @classdesc Represents a Lookup.
         * @constructor
         * @param {ringdht.Lookup.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Lookup = function (properties) {
            this.holders = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Lookup kind.
         * @member {ringdht.LookupKind} kind
         * @memberof ringdht.Lookup
         * @instance
         */
        Lookup.prototype.kind = 0;

        /**
         * Lookup origin.
         * @member {number} origin
         * @memberof ringdht.Lookup
         * @instance
         */
        Lookup.prototype.origin = 0;

        /**
         * Lookup op.
         * @member {number} op
         * @memberof ringdht.Lookup
         * @instance
         */
        Lookup.prototype.op = 0;

        /**
         * Lookup name.
         * @member {string} name
         * @memberof ringdht.Lookup
         * @instance
         */
        Lookup.prototype.name = "";

        /**
         * Lookup key.
         * @member {number} key
         * @memberof ringdht.Lookup
         * @instance
         */
        Lookup.prototype.key = 0;

        /**
         * Lookup final.
         * @member {boolean} final
         * @memberof ringdht.Lookup
         * @instance
         */
        Lookup.prototype.final = false;

        /**
         * Lookup hops.
         * @member {number} hops
         * @memberof ringdht.Lookup
         * @instance
         */
        Lookup.prototype.hops = 0;

        /**
         * Lookup ack.
         * @member {number} ack
         * @memberof ringdht.Lookup
         * @instance
         */
        Lookup.prototype.ack = 0;

        /**
         * Lookup attempt.
         * @member {number} attempt
         * @memberof ringdht.Lookup
         * @instance
         */
        Lookup.prototype.attempt = 0;

        /**
         * Lookup responsible.
         * @member {number} responsible
         * @memberof ringdht.Lookup
         * @instance
         */
        Lookup.prototype.responsible = 0;

        /**
         * Lookup holds.
         * @member {ringdht.Version.$Properties|null|undefined} holds
         * @memberof ringdht.Lookup
         * @instance
         */
        Lookup.prototype.holds = null;

        /**
         * Lookup holders.
         * @member {Array.<number>} holders
         * @memberof ringdht.Lookup
         * @instance
         */
        Lookup.prototype.holders = $util.emptyArray;

        /**
         * Lookup detoured.
         * @member {boolean} detoured
         * @memberof ringdht.Lookup
         * @instance
         */
        Lookup.prototype.detoured = false;

        /**
         * Lookup retry.
         * @member {number} retry
         * @memberof ringdht.Lookup
         * @instance
         */
        Lookup.prototype.retry = 0;

        /**
         * Lookup stale.
         * @member {boolean} stale
         * @memberof ringdht.Lookup
         * @instance
         */
        Lookup.prototype.stale = false;

        /**
         * Lookup passedOver.
         * @member {boolean} passedOver
         * @memberof ringdht.Lookup
         * @instance
         */
        Lookup.prototype.passedOver = false;

        /**
         * Lookup also.
         * @member {boolean} also
         * @memberof ringdht.Lookup
         * @instance
         */
        Lookup.prototype.also = false;

        /**
         * Lookup unsettled.
         * @member {boolean} unsettled
         * @memberof ringdht.Lookup
         * @instance
         */
        Lookup.prototype.unsettled = false;

        /**
         * Creates a new Lookup instance using the specified properties.
         * @function create
         * @memberof ringdht.Lookup
         * @static
         * @param {ringdht.Lookup.$Properties=} [properties] Properties to set
         * @returns {ringdht.Lookup} Lookup instance
         * @type {{
         *   (properties: ringdht.Lookup.$Shape): ringdht.Lookup & ringdht.Lookup.$Shape;
         *   (properties?: ringdht.Lookup.$Properties): ringdht.Lookup;
         * }}
         */
        Lookup.create = function(properties) {
            return new Lookup(properties);
        };

        /**
         * Encodes the specified Lookup message. Does not implicitly {@link ringdht.Lookup.verify|verify} messages.
         * @function encode
         * @memberof ringdht.Lookup
         * @static
         * @param {ringdht.Lookup.$Properties} message Lookup message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Lookup.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.kind != null && $Object.hasOwnProperty.call(message, "kind") && message.kind !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).int32(message.kind);
            if (message.origin != null && $Object.hasOwnProperty.call(message, "origin") && message.origin !== 0)
                writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.origin);
            if (message.op != null && $Object.hasOwnProperty.call(message, "op") && message.op !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.op);
            if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                writer.uint32(/* id 4, wireType 2 =*/34).string(message.name);
            if (message.key != null && $Object.hasOwnProperty.call(message, "key") && message.key !== 0)
                writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.key);
            if (message.final != null && $Object.hasOwnProperty.call(message, "final") && message.final !== false)
                writer.uint32(/* id 6, wireType 0 =*/48).bool(message.final);
            if (message.hops != null && $Object.hasOwnProperty.call(message, "hops") && message.hops !== 0)
                writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.hops);
            if (message.ack != null && $Object.hasOwnProperty.call(message, "ack") && message.ack !== 0)
                writer.uint32(/* id 15, wireType 0 =*/120).uint32(message.ack);
            if (message.attempt != null && $Object.hasOwnProperty.call(message, "attempt") && message.attempt !== 0)
                writer.uint32(/* id 20, wireType 0 =*/160).uint32(message.attempt);
            if (message.responsible != null && $Object.hasOwnProperty.call(message, "responsible") && message.responsible !== 0)
                writer.uint32(/* id 21, wireType 0 =*/168).uint32(message.responsible);
            if (message.holds != null && $Object.hasOwnProperty.call(message, "holds"))
                $root.ringdht.Version.encode(message.holds, writer.uint32(/* id 22, wireType 2 =*/178).fork(), _depth + 1).ldelim();
            if (message.holders != null && message.holders.length)
                writer.uint32(/* id 23, wireType 2 =*/186).uint32s(message.holders);
            if (message.detoured != null && $Object.hasOwnProperty.call(message, "detoured") && message.detoured !== false)
                writer.uint32(/* id 24, wireType 0 =*/192).bool(message.detoured);
            if (message.retry != null && $Object.hasOwnProperty.call(message, "retry") && message.retry !== 0)
                writer.uint32(/* id 25, wireType 0 =*/200).uint32(message.retry);
            if (message.stale != null && $Object.hasOwnProperty.call(message, "stale") && message.stale !== false)
                writer.uint32(/* id 26, wireType 0 =*/208).bool(message.stale);
            if (message.passedOver != null && $Object.hasOwnProperty.call(message, "passedOver") && message.passedOver !== false)
                writer.uint32(/* id 27, wireType 0 =*/216).bool(message.passedOver);
            if (message.also != null && $Object.hasOwnProperty.call(message, "also") && message.also !== false)
                writer.uint32(/* id 28, wireType 0 =*/224).bool(message.also);
            if (message.unsettled != null && $Object.hasOwnProperty.call(message, "unsettled") && message.unsettled !== false)
                writer.uint32(/* id 29, wireType 0 =*/232).bool(message.unsettled);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Lookup message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.Lookup
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.Lookup & ringdht.Lookup.$Shape} Lookup
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Lookup.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.Lookup();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.kind = value;
                        else
                            delete message.kind;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.origin = value;
                        else
                            delete message.origin;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.op = value;
                        else
                            delete message.op;
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.name = value;
                        else
                            delete message.name;
                        continue;
                    }
                case 5: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.key = value;
                        else
                            delete message.key;
                        continue;
                    }
                case 6: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.final = value;
                        else
                            delete message.final;
                        continue;
                    }
                case 7: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.hops = value;
                        else
                            delete message.hops;
                        continue;
                    }
                case 15: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.ack = value;
                        else
                            delete message.ack;
                        continue;
                    }
                case 20: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.attempt = value;
                        else
                            delete message.attempt;
                        continue;
                    }
                case 21: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.responsible = value;
                        else
                            delete message.responsible;
                        continue;
                    }
                case 22: {
                        if (wireType !== 2)
                            break;
                        message.holds = $root.ringdht.Version.decode(reader, reader.size(), $undefined, _depth + 1, message.holds);
                        continue;
                    }
                case 23: {
                        if (wireType === 2) {
                            if (!(message.holders && message.holders.length))
                                message.holders = [];
                            reader.uint32s(message.holders);
                            continue;
                        }
                        if (wireType !== 0)
                            break;
                        if (!(message.holders && message.holders.length))
                            message.holders = [];
                        message.holders.push(reader.uint32());
                        continue;
                    }
                case 24: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.detoured = value;
                        else
                            delete message.detoured;
                        continue;
                    }
                case 25: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.retry = value;
                        else
                            delete message.retry;
                        continue;
                    }
                case 26: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.stale = value;
                        else
                            delete message.stale;
                        continue;
                    }
                case 27: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.passedOver = value;
                        else
                            delete message.passedOver;
                        continue;
                    }
                case 28: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.also = value;
                        else
                            delete message.also;
                        continue;
                    }
                case 29: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.unsettled = value;
                        else
                            delete message.unsettled;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return Lookup;
    })();

    ringdht.StoreReady = (function() {

        /**
         * Properties of a StoreReady.
         * @typedef {Object} ringdht.StoreReady.$Properties
         * @property {number|null} [op] StoreReady op
         * @property {string|null} [name] StoreReady name
         * @property {number|null} [hops] StoreReady hops
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a StoreReady.
         * @memberof ringdht
         * @interface IStoreReady
         * @augments ringdht.StoreReady.$Properties
         * @deprecated Use ringdht.StoreReady.$Properties instead.
         */

        /**
         * Shape of a StoreReady.
         * @typedef {ringdht.StoreReady.$Properties} ringdht.StoreReady.$Shape
         */

        /**
         * Constructs a new StoreReady.
         * @memberof ringdht
         * @classdesc Represents a StoreReady.
         * @constructor
         * @param {ringdht.StoreReady.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const StoreReady = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * StoreReady op.
         * @member {number} op
         * @memberof ringdht.StoreReady
         * @instance
         */
        StoreReady.prototype.op = 0;

        /**
         * StoreReady name.
         * @member {string} name
         * @memberof ringdht.StoreReady
         * @instance
         */
        StoreReady.prototype.name = "";

        /**
         * StoreReady hops.
         * @member {number} hops
         * @memberof ringdht.StoreReady
         * @instance
         */
        StoreReady.prototype.hops = 0;

        /**
         * Creates a new StoreReady instance using the specified properties.
         * @function create
         * @memberof ringdht.StoreReady
         * @static
         * @param {ringdht.StoreReady.$Properties=} [properties] Properties to set
         * @returns {ringdht.StoreReady} StoreReady instance
         * @type {{
         *   (properties: ringdht.StoreReady.$Shape): ringdht.StoreReady & ringdht.StoreReady.$Shape;
         *   (properties?: ringdht.StoreReady.$Properties): ringdht.StoreReady;
         * }}
         */
        StoreReady.create = function(properties) {
            return new StoreReady(properties);
        };

        /**
         * Encodes the specified StoreReady message. Does not implicitly {@link ringdht.StoreReady.verify|verify} messages.
         * @function encode
         * @memberof ringdht.StoreReady
         * @static
         * @param {ringdht.StoreReady.$Properties} message StoreReady message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        StoreReady.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.op != null && $Object.hasOwnProperty.call(message, "op") && message.op !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.op);
            if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.name);
            if (message.hops != null && $Object.hasOwnProperty.call(message, "hops") && message.hops !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.hops);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a StoreReady message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.StoreReady
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.StoreReady & ringdht.StoreReady.$Shape} StoreReady
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        StoreReady.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.StoreReady();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.op = value;
                        else
                            delete message.op;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.name = value;
                        else
                            delete message.name;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.hops = value;
                        else
                            delete message.hops;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return StoreReady;
    })();

    ringdht.NotFound = (function() {

        /**
         * Properties of a NotFound.
         * @typedef {Object} ringdht.NotFound.$Properties
         * @property {number|null} [op] NotFound op
         * @property {string|null} [name] NotFound name
         * @property {number|null} [hops] NotFound hops
         * @property {string|null} [error] NotFound error
         * @property {boolean|null} [copiesAsked] NotFound copiesAsked
         * @property {number|null} [origin] NotFound origin
         * @property {boolean|null} [stuck] NotFound stuck
         * @property {boolean|null} [hasResponsible] NotFound hasResponsible
         * @property {number|null} [responsible] NotFound responsible
         * @property {number|null} [asked] NotFound asked
         * @property {number|null} [retry] NotFound retry
         * @property {boolean|null} [passedOver] NotFound passedOver
         * @property {boolean|null} [unsettled] NotFound unsettled
         * @property {boolean|null} [stale] NotFound stale
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a NotFound.
         * @memberof ringdht
         * @interface INotFound
         * @augments ringdht.NotFound.$Properties
         * @deprecated Use ringdht.NotFound.$Properties instead.
         */

        /**
         * Shape of a NotFound.
         * @typedef {ringdht.NotFound.$Properties} ringdht.NotFound.$Shape
         */

        /**
         * Constructs a new NotFound.
         * @memberof ringdht
         * @classdesc Represents a NotFound.
         * @constructor
         * @param {ringdht.NotFound.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const NotFound = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * NotFound op.
         * @member {number} op
         * @memberof ringdht.NotFound
         * @instance
         */
        NotFound.prototype.op = 0;

        /**
         * NotFound name.
         * @member {string} name
         * @memberof ringdht.NotFound
         * @instance
         */
        NotFound.prototype.name = "";

        /**
         * NotFound hops.
         * @member {number} hops
         * @memberof ringdht.NotFound
         * @instance
         */
        NotFound.prototype.hops = 0;

        /**
         * NotFound error.
         * @member {string} error
         * @memberof ringdht.NotFound
         * @instance
         */
        NotFound.prototype.error = "";

        /**
         * NotFound copiesAsked.
         * @member {boolean} copiesAsked
         * @memberof ringdht.NotFound
         * @instance
         */
        NotFound.prototype.copiesAsked = false;

        /**
         * NotFound origin.
         * @member {number} origin
         * @memberof ringdht.NotFound
         * @instance
         */
        NotFound.prototype.origin = 0;

        /**
         * NotFound stuck.
         * @member {boolean} stuck
         * @memberof ringdht.NotFound
         * @instance
         */
        NotFound.prototype.stuck = false;

        /**
         * NotFound hasResponsible.
         * @member {boolean} hasResponsible
         * @memberof ringdht.NotFound
         * @instance
         */
        NotFound.prototype.hasResponsible = false;

        /**
         * NotFound responsible.
         * @member {number} responsible
         * @memberof ringdht.NotFound
         * @instance
         */
        NotFound.prototype.responsible = 0;

        /**
         * NotFound asked.
         * @member {number} asked
         * @memberof ringdht.NotFound
         * @instance
         */
        NotFound.prototype.asked = 0;

        /**
         * NotFound retry.
         * @member {number} retry
         * @memberof ringdht.NotFound
         * @instance
         */
        NotFound.prototype.retry = 0;

        /**
         * NotFound passedOver.
         * @member {boolean} passedOver
         * @memberof ringdht.NotFound
         * @instance
         */
        NotFound.prototype.passedOver = false;

        /**
         * NotFound unsettled.
         * @member {boolean} unsettled
         * @memberof ringdht.NotFound
         * @instance
         */
        NotFound.prototype.unsettled = false;

        /**
         * NotFound stale.
         * @member {boolean} stale
         * @memberof ringdht.NotFound
         * @instance
         */
        NotFound.prototype.stale = false;

        /**
         * Creates a new NotFound instance using the specified properties.
         * @function create
         * @memberof ringdht.NotFound
         * @static
         * @param {ringdht.NotFound.$Properties=} [properties] Properties to set
         * @returns {ringdht.NotFound} NotFound instance
         * @type {{
         *   (properties: ringdht.NotFound.$Shape): ringdht.NotFound & ringdht.NotFound.$Shape;
         *   (properties?: ringdht.NotFound.$Properties): ringdht.NotFound;
         * }}
         */
        NotFound.create = function(properties) {
            return new NotFound(properties);
        };

        /**
         * Encodes the specified NotFound message. Does not implicitly {@link ringdht.NotFound.verify|verify} messages.
         * @function encode
         * @memberof ringdht.NotFound
         * @static
         * @param {ringdht.NotFound.$Properties} message NotFound message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        NotFound.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.op != null && $Object.hasOwnProperty.call(message, "op") && message.op !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.op);
            if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.name);
            if (message.hops != null && $Object.hasOwnProperty.call(message, "hops") && message.hops !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.hops);
            if (message.error != null && $Object.hasOwnProperty.call(message, "error") && message.error !== "")
                writer.uint32(/* id 4, wireType 2 =*/34).string(message.error);
            if (message.copiesAsked != null && $Object.hasOwnProperty.call(message, "copiesAsked") && message.copiesAsked !== false)
                writer.uint32(/* id 5, wireType 0 =*/40).bool(message.copiesAsked);
            if (message.origin != null && $Object.hasOwnProperty.call(message, "origin") && message.origin !== 0)
                writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.origin);
            if (message.stuck != null && $Object.hasOwnProperty.call(message, "stuck") && message.stuck !== false)
                writer.uint32(/* id 7, wireType 0 =*/56).bool(message.stuck);
            if (message.hasResponsible != null && $Object.hasOwnProperty.call(message, "hasResponsible") && message.hasResponsible !== false)
                writer.uint32(/* id 8, wireType 0 =*/64).bool(message.hasResponsible);
            if (message.responsible != null && $Object.hasOwnProperty.call(message, "responsible") && message.responsible !== 0)
                writer.uint32(/* id 9, wireType 0 =*/72).uint32(message.responsible);
            if (message.asked != null && $Object.hasOwnProperty.call(message, "asked") && message.asked !== 0)
                writer.uint32(/* id 10, wireType 0 =*/80).uint32(message.asked);
            if (message.retry != null && $Object.hasOwnProperty.call(message, "retry") && message.retry !== 0)
                writer.uint32(/* id 11, wireType 0 =*/88).uint32(message.retry);
            if (message.passedOver != null && $Object.hasOwnProperty.call(message, "passedOver") && message.passedOver !== false)
                writer.uint32(/* id 12, wireType 0 =*/96).bool(message.passedOver);
            if (message.unsettled != null && $Object.hasOwnProperty.call(message, "unsettled") && message.unsettled !== false)
                writer.uint32(/* id 13, wireType 0 =*/104).bool(message.unsettled);
            if (message.stale != null && $Object.hasOwnProperty.call(message, "stale") && message.stale !== false)
                writer.uint32(/* id 14, wireType 0 =*/112).bool(message.stale);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a NotFound message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.NotFound
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.NotFound & ringdht.NotFound.$Shape} NotFound
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        NotFound.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.NotFound();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.op = value;
                        else
                            delete message.op;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.name = value;
                        else
                            delete message.name;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.hops = value;
                        else
                            delete message.hops;
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.error = value;
                        else
                            delete message.error;
                        continue;
                    }
                case 5: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.copiesAsked = value;
                        else
                            delete message.copiesAsked;
                        continue;
                    }
                case 6: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.origin = value;
                        else
                            delete message.origin;
                        continue;
                    }
                case 7: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.stuck = value;
                        else
                            delete message.stuck;
                        continue;
                    }
                case 8: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.hasResponsible = value;
                        else
                            delete message.hasResponsible;
                        continue;
                    }
                case 9: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.responsible = value;
                        else
                            delete message.responsible;
                        continue;
                    }
                case 10: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.asked = value;
                        else
                            delete message.asked;
                        continue;
                    }
                case 11: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.retry = value;
                        else
                            delete message.retry;
                        continue;
                    }
                case 12: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.passedOver = value;
                        else
                            delete message.passedOver;
                        continue;
                    }
                case 13: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.unsettled = value;
                        else
                            delete message.unsettled;
                        continue;
                    }
                case 14: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.stale = value;
                        else
                            delete message.stale;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return NotFound;
    })();

    ringdht.SameCopy = (function() {

        /**
         * Properties of a SameCopy.
         * @typedef {Object} ringdht.SameCopy.$Properties
         * @property {number|null} [op] SameCopy op
         * @property {string|null} [name] SameCopy name
         * @property {number|null} [hops] SameCopy hops
         * @property {ringdht.Version.$Properties|null} [version] SameCopy version
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a SameCopy.
         * @memberof ringdht
         * @interface ISameCopy
         * @augments ringdht.SameCopy.$Properties
         * @deprecated Use ringdht.SameCopy.$Properties instead.
         */

        /**
         * Shape of a SameCopy.
         * @typedef {ringdht.SameCopy.$Properties} ringdht.SameCopy.$Shape
         */

        /**
         * Constructs a new SameCopy.
         * @memberof ringdht
         * @classdesc Represents a SameCopy.
         * @constructor
         * @param {ringdht.SameCopy.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const SameCopy = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * SameCopy op.
         * @member {number} op
         * @memberof ringdht.SameCopy
         * @instance
         */
        SameCopy.prototype.op = 0;

        /**
         * SameCopy name.
         * @member {string} name
         * @memberof ringdht.SameCopy
         * @instance
         */
        SameCopy.prototype.name = "";

        /**
         * SameCopy hops.
         * @member {number} hops
         * @memberof ringdht.SameCopy
         * @instance
         */
        SameCopy.prototype.hops = 0;

        /**
         * SameCopy version.
         * @member {ringdht.Version.$Properties|null|undefined} version
         * @memberof ringdht.SameCopy
         * @instance
         */
        SameCopy.prototype.version = null;

        /**
         * Creates a new SameCopy instance using the specified properties.
         * @function create
         * @memberof ringdht.SameCopy
         * @static
         * @param {ringdht.SameCopy.$Properties=} [properties] Properties to set
         * @returns {ringdht.SameCopy} SameCopy instance
         * @type {{
         *   (properties: ringdht.SameCopy.$Shape): ringdht.SameCopy & ringdht.SameCopy.$Shape;
         *   (properties?: ringdht.SameCopy.$Properties): ringdht.SameCopy;
         * }}
         */
        SameCopy.create = function(properties) {
            return new SameCopy(properties);
        };

        /**
         * Encodes the specified SameCopy message. Does not implicitly {@link ringdht.SameCopy.verify|verify} messages.
         * @function encode
         * @memberof ringdht.SameCopy
         * @static
         * @param {ringdht.SameCopy.$Properties} message SameCopy message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        SameCopy.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.op != null && $Object.hasOwnProperty.call(message, "op") && message.op !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.op);
            if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.name);
            if (message.hops != null && $Object.hasOwnProperty.call(message, "hops") && message.hops !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.hops);
            if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                $root.ringdht.Version.encode(message.version, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a SameCopy message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.SameCopy
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.SameCopy & ringdht.SameCopy.$Shape} SameCopy
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        SameCopy.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.SameCopy();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.op = value;
                        else
                            delete message.op;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.name = value;
                        else
                            delete message.name;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.hops = value;
                        else
                            delete message.hops;
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        message.version = $root.ringdht.Version.decode(reader, reader.size(), $undefined, _depth + 1, message.version);
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return SameCopy;
    })();

    ringdht.JoinRequest = (function() {

        /**
         * Properties of a JoinRequest.
         * @typedef {Object} ringdht.JoinRequest.$Properties
         * @property {number|null} [newcomer] JoinRequest newcomer
         * @property {number|null} [hops] JoinRequest hops
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a JoinRequest.
         * @memberof ringdht
         * @interface IJoinRequest
         * @augments ringdht.JoinRequest.$Properties
         * @deprecated Use ringdht.JoinRequest.$Properties instead.
         */

        /**
         * Shape of a JoinRequest.
         * @typedef {ringdht.JoinRequest.$Properties} ringdht.JoinRequest.$Shape
         */

        /**
         * Constructs a new JoinRequest.
         * @memberof ringdht
         * @classdesc Represents a JoinRequest.
         * @constructor
         * @param {ringdht.JoinRequest.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const JoinRequest = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * JoinRequest newcomer.
         * @member {number} newcomer
         * @memberof ringdht.JoinRequest
         * @instance
         */
        JoinRequest.prototype.newcomer = 0;

        /**
         * JoinRequest hops.
         * @member {number} hops
         * @memberof ringdht.JoinRequest
         * @instance
         */
        JoinRequest.prototype.hops = 0;

        /**
         * Creates a new JoinRequest instance using the specified properties.
         * @function create
         * @memberof ringdht.JoinRequest
         * @static
         * @param {ringdht.JoinRequest.$Properties=} [properties] Properties to set
         * @returns {ringdht.JoinRequest} JoinRequest instance
         * @type {{
         *   (properties: ringdht.JoinRequest.$Shape): ringdht.JoinRequest & ringdht.JoinRequest.$Shape;
         *   (properties?: ringdht.JoinRequest.$Properties): ringdht.JoinRequest;
         * }}
         */
        JoinRequest.create = function(properties) {
            return new JoinRequest(properties);
        };

        /**
         * Encodes the specified JoinRequest message. Does not implicitly {@link ringdht.JoinRequest.verify|verify} messages.
         * @function encode
         * @memberof ringdht.JoinRequest
         * @static
         * @param {ringdht.JoinRequest.$Properties} message JoinRequest message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        JoinRequest.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.newcomer != null && $Object.hasOwnProperty.call(message, "newcomer") && message.newcomer !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.newcomer);
            if (message.hops != null && $Object.hasOwnProperty.call(message, "hops") && message.hops !== 0)
                writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.hops);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a JoinRequest message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.JoinRequest
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.JoinRequest & ringdht.JoinRequest.$Shape} JoinRequest
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        JoinRequest.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.JoinRequest();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.newcomer = value;
                        else
                            delete message.newcomer;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.hops = value;
                        else
                            delete message.hops;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return JoinRequest;
    })();

    ringdht.JoinAccepted = (function() {

        /**
         * Properties of a JoinAccepted.
         * @typedef {Object} ringdht.JoinAccepted.$Properties
         * @property {Array.<number>|null} [successors] JoinAccepted successors
         * @property {Array.<string>|null} [zones] JoinAccepted zones
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a JoinAccepted.
         * @memberof ringdht
         * @interface IJoinAccepted
         * @augments ringdht.JoinAccepted.$Properties
         * @deprecated Use ringdht.JoinAccepted.$Properties instead.
         */

        /**
         * Shape of a JoinAccepted.
         * @typedef {ringdht.JoinAccepted.$Properties} ringdht.JoinAccepted.$Shape
         */

        /**
         * Constructs a new JoinAccepted.
         * @memberof ringdht
         * @classdesc Represents a JoinAccepted.
         * @constructor
         * @param {ringdht.JoinAccepted.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const JoinAccepted = function (properties) {
            this.successors = [];
            this.zones = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * JoinAccepted successors.
         * @member {Array.<number>} successors
         * @memberof ringdht.JoinAccepted
         * @instance
         */
        JoinAccepted.prototype.successors = $util.emptyArray;

        /**
         * JoinAccepted zones.
         * @member {Array.<string>} zones
         * @memberof ringdht.JoinAccepted
         * @instance
         */
        JoinAccepted.prototype.zones = $util.emptyArray;

        /**
         * Creates a new JoinAccepted instance using the specified properties.
         * @function create
         * @memberof ringdht.JoinAccepted
         * @static
         * @param {ringdht.JoinAccepted.$Properties=} [properties] Properties to set
         * @returns {ringdht.JoinAccepted} JoinAccepted instance
         * @type {{
         *   (properties: ringdht.JoinAccepted.$Shape): ringdht.JoinAccepted & ringdht.JoinAccepted.$Shape;
         *   (properties?: ringdht.JoinAccepted.$Properties): ringdht.JoinAccepted;
         * }}
         */
        JoinAccepted.create = function(properties) {
            return new JoinAccepted(properties);
        };

        /**
         * Encodes the specified JoinAccepted message. Does not implicitly {@link ringdht.JoinAccepted.verify|verify} messages.
         * @function encode
         * @memberof ringdht.JoinAccepted
         * @static
         * @param {ringdht.JoinAccepted.$Properties} message JoinAccepted message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        JoinAccepted.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.successors != null && message.successors.length)
                writer.uint32(/* id 1, wireType 2 =*/10).uint32s(message.successors);
            if (message.zones != null && message.zones.length)
                for (let i = 0; i < message.zones.length; ++i)
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.zones[i]);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a JoinAccepted message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.JoinAccepted
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.JoinAccepted & ringdht.JoinAccepted.$Shape} JoinAccepted
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        JoinAccepted.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.JoinAccepted();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType === 2) {
                            if (!(message.successors && message.successors.length))
                                message.successors = [];
                            reader.uint32s(message.successors);
                            continue;
                        }
                        if (wireType !== 0)
                            break;
                        if (!(message.successors && message.successors.length))
                            message.successors = [];
                        message.successors.push(reader.uint32());
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if (!(message.zones && message.zones.length))
                            message.zones = [];
                        message.zones.push(reader.stringVerify());
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return JoinAccepted;
    })();

    ringdht.JoinRefused = (function() {

        /**
         * Properties of a JoinRefused.
         * @typedef {Object} ringdht.JoinRefused.$Properties
         * @property {string|null} [reason] JoinRefused reason
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a JoinRefused.
         * @memberof ringdht
         * @interface IJoinRefused
         * @augments ringdht.JoinRefused.$Properties
         * @deprecated Use ringdht.JoinRefused.$Properties instead.
         */

        /**
         * Shape of a JoinRefused.
         * @typedef {ringdht.JoinRefused.$Properties} ringdht.JoinRefused.$Shape
         */

        /**
         * Constructs a new JoinRefused.
         * @memberof ringdht
         * @classdesc Represents a JoinRefused.
         * @constructor
         * @param {ringdht.JoinRefused.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const JoinRefused = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * JoinRefused reason.
         * @member {string} reason
         * @memberof ringdht.JoinRefused
         * @instance
         */
        JoinRefused.prototype.reason = "";

        /**
         * Creates a new JoinRefused instance using the specified properties.
         * @function create
         * @memberof ringdht.JoinRefused
         * @static
         * @param {ringdht.JoinRefused.$Properties=} [properties] Properties to set
         * @returns {ringdht.JoinRefused} JoinRefused instance
         * @type {{
         *   (properties: ringdht.JoinRefused.$Shape): ringdht.JoinRefused & ringdht.JoinRefused.$Shape;
         *   (properties?: ringdht.JoinRefused.$Properties): ringdht.JoinRefused;
         * }}
         */
        JoinRefused.create = function(properties) {
            return new JoinRefused(properties);
        };

        /**
         * Encodes the specified JoinRefused message. Does not implicitly {@link ringdht.JoinRefused.verify|verify} messages.
         * @function encode
         * @memberof ringdht.JoinRefused
         * @static
         * @param {ringdht.JoinRefused.$Properties} message JoinRefused message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        JoinRefused.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                writer.uint32(/* id 1, wireType 2 =*/10).string(message.reason);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a JoinRefused message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.JoinRefused
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.JoinRefused & ringdht.JoinRefused.$Shape} JoinRefused
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        JoinRefused.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.JoinRefused();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.reason = value;
                        else
                            delete message.reason;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return JoinRefused;
    })();

    ringdht.SuccessorChange = (function() {

        /**
         * Properties of a SuccessorChange.
         * @typedef {Object} ringdht.SuccessorChange.$Properties
         * @property {number|null} [origin] SuccessorChange origin
         * @property {Array.<number>|null} [successors] SuccessorChange successors
         * @property {number|null} [hops] SuccessorChange hops
         * @property {Array.<string>|null} [zones] SuccessorChange zones
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a SuccessorChange.
         * @memberof ringdht
         * @interface ISuccessorChange
         * @augments ringdht.SuccessorChange.$Properties
         * @deprecated Use ringdht.SuccessorChange.$Properties instead.
         */

        /**
         * Shape of a SuccessorChange.
         * @typedef {ringdht.SuccessorChange.$Properties} ringdht.SuccessorChange.$Shape
         */

        /**
         * Constructs a new SuccessorChange.
         * @memberof ringdht
         * @classdesc Represents a SuccessorChange.
         * @constructor
         * @param {ringdht.SuccessorChange.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const SuccessorChange = function (properties) {
            this.successors = [];
            this.zones = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * SuccessorChange origin.
         * @member {number} origin
         * @memberof ringdht.SuccessorChange
         * @instance
         */
        SuccessorChange.prototype.origin = 0;

        /**
         * SuccessorChange successors.
         * @member {Array.<number>} successors
         * @memberof ringdht.SuccessorChange
         * @instance
         */
        SuccessorChange.prototype.successors = $util.emptyArray;

        /**
         * SuccessorChange hops.
         * @member {number} hops
         * @memberof ringdht.SuccessorChange
         * @instance
         */
        SuccessorChange.prototype.hops = 0;

        /**
         * SuccessorChange zones.
         * @member {Array.<string>} zones
         * @memberof ringdht.SuccessorChange
         * @instance
         */
        SuccessorChange.prototype.zones = $util.emptyArray;

        /**
         * Creates a new SuccessorChange instance using the specified properties.
         * @function create
         * @memberof ringdht.SuccessorChange
         * @static
         * @param {ringdht.SuccessorChange.$Properties=} [properties] Properties to set
         * @returns {ringdht.SuccessorChange} SuccessorChange instance
         * @type {{
         *   (properties: ringdht.SuccessorChange.$Shape): ringdht.SuccessorChange & ringdht.SuccessorChange.$Shape;
         *   (properties?: ringdht.SuccessorChange.$Properties): ringdht.SuccessorChange;
         * }}
         */
        SuccessorChange.create = function(properties) {
            return new SuccessorChange(properties);
        };

        /**
         * Encodes the specified SuccessorChange message. Does not implicitly {@link ringdht.SuccessorChange.verify|verify} messages.
         * @function encode
         * @memberof ringdht.SuccessorChange
         * @static
         * @param {ringdht.SuccessorChange.$Properties} message SuccessorChange message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        SuccessorChange.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.origin != null && $Object.hasOwnProperty.call(message, "origin") && message.origin !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.origin);
            if (message.successors != null && message.successors.length)
                writer.uint32(/* id 2, wireType 2 =*/18).uint32s(message.successors);
            if (message.hops != null && $Object.hasOwnProperty.call(message, "hops") && message.hops !== 0)
                writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.hops);
            if (message.zones != null && message.zones.length)
                for (let i = 0; i < message.zones.length; ++i)
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.zones[i]);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a SuccessorChange message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.SuccessorChange
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.SuccessorChange & ringdht.SuccessorChange.$Shape} SuccessorChange
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        SuccessorChange.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.SuccessorChange();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.origin = value;
                        else
                            delete message.origin;
                        continue;
                    }
                case 2: {
                        if (wireType === 2) {
                            if (!(message.successors && message.successors.length))
                                message.successors = [];
                            reader.uint32s(message.successors);
                            continue;
                        }
                        if (wireType !== 0)
                            break;
                        if (!(message.successors && message.successors.length))
                            message.successors = [];
                        message.successors.push(reader.uint32());
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.hops = value;
                        else
                            delete message.hops;
                        continue;
                    }
                case 5: {
                        if (wireType !== 2)
                            break;
                        if (!(message.zones && message.zones.length))
                            message.zones = [];
                        message.zones.push(reader.stringVerify());
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return SuccessorChange;
    })();

    ringdht.Departure = (function() {

        /**
         * Properties of a Departure.
         * @typedef {Object} ringdht.Departure.$Properties
         * @property {number|null} [leaving] Departure leaving
         * @property {Array.<number>|null} [successors] Departure successors
         * @property {number|null} [hops] Departure hops
         * @property {number|null} [rank] Departure rank
         * @property {Array.<string>|null} [zones] Departure zones
         * @property {boolean|null} [passOn] Departure passOn
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Departure.
         * @memberof ringdht
         * @interface IDeparture
         * @augments ringdht.Departure.$Properties
         * @deprecated Use ringdht.Departure.$Properties instead.
         */

        /**
         * Shape of a Departure.
         * @typedef {ringdht.Departure.$Properties} ringdht.Departure.$Shape
         */

        /**
         * Constructs a new Departure.
         * @memberof ringdht
         * @classdesc Represents a Departure.
         * @constructor
         * @param {ringdht.Departure.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Departure = function (properties) {
            this.successors = [];
            this.zones = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Departure leaving.
         * @member {number} leaving
         * @memberof ringdht.Departure
         * @instance
         */
        Departure.prototype.leaving = 0;

        /**
         * Departure successors.
         * @member {Array.<number>} successors
         * @memberof ringdht.Departure
         * @instance
         */
        Departure.prototype.successors = $util.emptyArray;

        /**
         * Departure hops.
         * @member {number} hops
         * @memberof ringdht.Departure
         * @instance
         */
        Departure.prototype.hops = 0;

        /**
         * Departure rank.
         * @member {number} rank
         * @memberof ringdht.Departure
         * @instance
         */
        Departure.prototype.rank = 0;

        /**
         * Departure zones.
         * @member {Array.<string>} zones
         * @memberof ringdht.Departure
         * @instance
         */
        Departure.prototype.zones = $util.emptyArray;

        /**
         * Departure passOn.
         * @member {boolean} passOn
         * @memberof ringdht.Departure
         * @instance
         */
        Departure.prototype.passOn = false;

        /**
         * Creates a new Departure instance using the specified properties.
         * @function create
         * @memberof ringdht.Departure
         * @static
         * @param {ringdht.Departure.$Properties=} [properties] Properties to set
         * @returns {ringdht.Departure} Departure instance
         * @type {{
         *   (properties: ringdht.Departure.$Shape): ringdht.Departure & ringdht.Departure.$Shape;
         *   (properties?: ringdht.Departure.$Properties): ringdht.Departure;
         * }}
         */
        Departure.create = function(properties) {
            return new Departure(properties);
        };

        /**
         * Encodes the specified Departure message. Does not implicitly {@link ringdht.Departure.verify|verify} messages.
         * @function encode
         * @memberof ringdht.Departure
         * @static
         * @param {ringdht.Departure.$Properties} message Departure message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Departure.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.leaving != null && $Object.hasOwnProperty.call(message, "leaving") && message.leaving !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.leaving);
            if (message.successors != null && message.successors.length)
                writer.uint32(/* id 2, wireType 2 =*/18).uint32s(message.successors);
            if (message.hops != null && $Object.hasOwnProperty.call(message, "hops") && message.hops !== 0)
                writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.hops);
            if (message.rank != null && $Object.hasOwnProperty.call(message, "rank") && message.rank !== 0)
                writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.rank);
            if (message.zones != null && message.zones.length)
                for (let i = 0; i < message.zones.length; ++i)
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.zones[i]);
            if (message.passOn != null && $Object.hasOwnProperty.call(message, "passOn") && message.passOn !== false)
                writer.uint32(/* id 7, wireType 0 =*/56).bool(message.passOn);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Departure message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.Departure
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.Departure & ringdht.Departure.$Shape} Departure
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Departure.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.Departure();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.leaving = value;
                        else
                            delete message.leaving;
                        continue;
                    }
                case 2: {
                        if (wireType === 2) {
                            if (!(message.successors && message.successors.length))
                                message.successors = [];
                            reader.uint32s(message.successors);
                            continue;
                        }
                        if (wireType !== 0)
                            break;
                        if (!(message.successors && message.successors.length))
                            message.successors = [];
                        message.successors.push(reader.uint32());
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.hops = value;
                        else
                            delete message.hops;
                        continue;
                    }
                case 5: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.rank = value;
                        else
                            delete message.rank;
                        continue;
                    }
                case 6: {
                        if (wireType !== 2)
                            break;
                        if (!(message.zones && message.zones.length))
                            message.zones = [];
                        message.zones.push(reader.stringVerify());
                        continue;
                    }
                case 7: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.passOn = value;
                        else
                            delete message.passOn;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return Departure;
    })();

    ringdht.DepartureAck = (function() {

        /**
         * Properties of a DepartureAck.
         * @typedef {Object} ringdht.DepartureAck.$Properties
         * @property {number|null} [leaving] DepartureAck leaving
         * @property {boolean|null} [first] DepartureAck first
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a DepartureAck.
         * @memberof ringdht
         * @interface IDepartureAck
         * @augments ringdht.DepartureAck.$Properties
         * @deprecated Use ringdht.DepartureAck.$Properties instead.
         */

        /**
         * Shape of a DepartureAck.
         * @typedef {ringdht.DepartureAck.$Properties} ringdht.DepartureAck.$Shape
         */

        /**
         * Constructs a new DepartureAck.
         * @memberof ringdht
         * @classdesc Represents a DepartureAck.
         * @constructor
         * @param {ringdht.DepartureAck.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const DepartureAck = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * DepartureAck leaving.
         * @member {number} leaving
         * @memberof ringdht.DepartureAck
         * @instance
         */
        DepartureAck.prototype.leaving = 0;

        /**
         * DepartureAck first.
         * @member {boolean} first
         * @memberof ringdht.DepartureAck
         * @instance
         */
        DepartureAck.prototype.first = false;

        /**
         * Creates a new DepartureAck instance using the specified properties.
         * @function create
         * @memberof ringdht.DepartureAck
         * @static
         * @param {ringdht.DepartureAck.$Properties=} [properties] Properties to set
         * @returns {ringdht.DepartureAck} DepartureAck instance
         * @type {{
         *   (properties: ringdht.DepartureAck.$Shape): ringdht.DepartureAck & ringdht.DepartureAck.$Shape;
         *   (properties?: ringdht.DepartureAck.$Properties): ringdht.DepartureAck;
         * }}
         */
        DepartureAck.create = function(properties) {
            return new DepartureAck(properties);
        };

        /**
         * Encodes the specified DepartureAck message. Does not implicitly {@link ringdht.DepartureAck.verify|verify} messages.
         * @function encode
         * @memberof ringdht.DepartureAck
         * @static
         * @param {ringdht.DepartureAck.$Properties} message DepartureAck message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        DepartureAck.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.leaving != null && $Object.hasOwnProperty.call(message, "leaving") && message.leaving !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.leaving);
            if (message.first != null && $Object.hasOwnProperty.call(message, "first") && message.first !== false)
                writer.uint32(/* id 2, wireType 0 =*/16).bool(message.first);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a DepartureAck message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.DepartureAck
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.DepartureAck & ringdht.DepartureAck.$Shape} DepartureAck
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        DepartureAck.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.DepartureAck();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.leaving = value;
                        else
                            delete message.leaving;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.first = value;
                        else
                            delete message.first;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return DepartureAck;
    })();

    ringdht.Leaving = (function() {

        /**
         * Properties of a Leaving.
         * @typedef {Object} ringdht.Leaving.$Properties
         * @property {number|null} [peer] Leaving peer
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Leaving.
         * @memberof ringdht
         * @interface ILeaving
         * @augments ringdht.Leaving.$Properties
         * @deprecated Use ringdht.Leaving.$Properties instead.
         */

        /**
         * Shape of a Leaving.
         * @typedef {ringdht.Leaving.$Properties} ringdht.Leaving.$Shape
         */

        /**
         * Constructs a new Leaving.
         * @memberof ringdht
         * @classdesc Represents a Leaving.
         * @constructor
         * @param {ringdht.Leaving.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Leaving = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Leaving peer.
         * @member {number} peer
         * @memberof ringdht.Leaving
         * @instance
         */
        Leaving.prototype.peer = 0;

        /**
         * Creates a new Leaving instance using the specified properties.
         * @function create
         * @memberof ringdht.Leaving
         * @static
         * @param {ringdht.Leaving.$Properties=} [properties] Properties to set
         * @returns {ringdht.Leaving} Leaving instance
         * @type {{
         *   (properties: ringdht.Leaving.$Shape): ringdht.Leaving & ringdht.Leaving.$Shape;
         *   (properties?: ringdht.Leaving.$Properties): ringdht.Leaving;
         * }}
         */
        Leaving.create = function(properties) {
            return new Leaving(properties);
        };

        /**
         * Encodes the specified Leaving message. Does not implicitly {@link ringdht.Leaving.verify|verify} messages.
         * @function encode
         * @memberof ringdht.Leaving
         * @static
         * @param {ringdht.Leaving.$Properties} message Leaving message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Leaving.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.peer != null && $Object.hasOwnProperty.call(message, "peer") && message.peer !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.peer);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Leaving message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.Leaving
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.Leaving & ringdht.Leaving.$Shape} Leaving
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Leaving.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.Leaving();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.peer = value;
                        else
                            delete message.peer;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return Leaving;
    })();

    ringdht.PeerAddress = (function() {

        /**
         * Properties of a PeerAddress.
         * @typedef {Object} ringdht.PeerAddress.$Properties
         * @property {number|null} [id] PeerAddress id
         * @property {string|null} [host] PeerAddress host
         * @property {number|null} [port] PeerAddress port
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a PeerAddress.
         * @memberof ringdht
         * @interface IPeerAddress
         * @augments ringdht.PeerAddress.$Properties
         * @deprecated Use ringdht.PeerAddress.$Properties instead.
         */

        /**
         * Shape of a PeerAddress.
         * @typedef {ringdht.PeerAddress.$Properties} ringdht.PeerAddress.$Shape
         */

        /**
         * Constructs a new PeerAddress.
         * @memberof ringdht
         * @classdesc Represents a PeerAddress.
         * @constructor
         * @param {ringdht.PeerAddress.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const PeerAddress = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * PeerAddress id.
         * @member {number} id
         * @memberof ringdht.PeerAddress
         * @instance
         */
        PeerAddress.prototype.id = 0;

        /**
         * PeerAddress host.
         * @member {string} host
         * @memberof ringdht.PeerAddress
         * @instance
         */
        PeerAddress.prototype.host = "";

        /**
         * PeerAddress port.
         * @member {number} port
         * @memberof ringdht.PeerAddress
         * @instance
         */
        PeerAddress.prototype.port = 0;

        /**
         * Creates a new PeerAddress instance using the specified properties.
         * @function create
         * @memberof ringdht.PeerAddress
         * @static
         * @param {ringdht.PeerAddress.$Properties=} [properties] Properties to set
         * @returns {ringdht.PeerAddress} PeerAddress instance
         * @type {{
         *   (properties: ringdht.PeerAddress.$Shape): ringdht.PeerAddress & ringdht.PeerAddress.$Shape;
         *   (properties?: ringdht.PeerAddress.$Properties): ringdht.PeerAddress;
         * }}
         */
        PeerAddress.create = function(properties) {
            return new PeerAddress(properties);
        };

        /**
         * Encodes the specified PeerAddress message. Does not implicitly {@link ringdht.PeerAddress.verify|verify} messages.
         * @function encode
         * @memberof ringdht.PeerAddress
         * @static
         * @param {ringdht.PeerAddress.$Properties} message PeerAddress message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        PeerAddress.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.id != null && $Object.hasOwnProperty.call(message, "id") && message.id !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.id);
            if (message.host != null && $Object.hasOwnProperty.call(message, "host") && message.host !== "")
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.host);
            if (message.port != null && $Object.hasOwnProperty.call(message, "port") && message.port !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.port);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a PeerAddress message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.PeerAddress
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.PeerAddress & ringdht.PeerAddress.$Shape} PeerAddress
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        PeerAddress.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.PeerAddress();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.id = value;
                        else
                            delete message.id;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.host = value;
                        else
                            delete message.host;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.port = value;
                        else
                            delete message.port;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return PeerAddress;
    })();

    ringdht.FindSuccessor = (function() {

        /**
         * Properties of a FindSuccessor.
         * @typedef {Object} ringdht.FindSuccessor.$Properties
         * @property {number|null} [origin] FindSuccessor origin
         * @property {number|null} [seq] FindSuccessor seq
         * @property {number|null} [target] FindSuccessor target
         * @property {boolean|null} [final] FindSuccessor final
         * @property {number|null} [hops] FindSuccessor hops
         * @property {number|null} [ack] FindSuccessor ack
         * @property {Array.<number>|null} [behind] FindSuccessor behind
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a FindSuccessor.
         * @memberof ringdht
         * @interface IFindSuccessor
         * @augments ringdht.FindSuccessor.$Properties
         * @deprecated Use ringdht.FindSuccessor.$Properties instead.
         */

        /**
         * Shape of a FindSuccessor.
         * @typedef {ringdht.FindSuccessor.$Properties} ringdht.FindSuccessor.$Shape
         */

        /**
         * Constructs a new FindSuccessor.
         * @memberof ringdht
         * @classdesc Represents a FindSuccessor.
         * @constructor
         * @param {ringdht.FindSuccessor.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const FindSuccessor = function (properties) {
            this.behind = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * FindSuccessor origin.
         * @member {number} origin
         * @memberof ringdht.FindSuccessor
         * @instance
         */
        FindSuccessor.prototype.origin = 0;

        /**
         * FindSuccessor seq.
         * @member {number} seq
         * @memberof ringdht.FindSuccessor
         * @instance
         */
        FindSuccessor.prototype.seq = 0;

        /**
         * FindSuccessor target.
         * @member {number} target
         * @memberof ringdht.FindSuccessor
         * @instance
         */
        FindSuccessor.prototype.target = 0;

        /**
         * FindSuccessor final.
         * @member {boolean} final
         * @memberof ringdht.FindSuccessor
         * @instance
         */
        FindSuccessor.prototype.final = false;

        /**
         * FindSuccessor hops.
         * @member {number} hops
         * @memberof ringdht.FindSuccessor
         * @instance
         */
        FindSuccessor.prototype.hops = 0;

        /**
         * FindSuccessor ack.
         * @member {number} ack
         * @memberof ringdht.FindSuccessor
         * @instance
         */
        FindSuccessor.prototype.ack = 0;

        /**
         * FindSuccessor behind.
         * @member {Array.<number>} behind
         * @memberof ringdht.FindSuccessor
         * @instance
         */
        FindSuccessor.prototype.behind = $util.emptyArray;

        /**
         * Creates a new FindSuccessor instance using the specified properties.
         * @function create
         * @memberof ringdht.FindSuccessor
         * @static
         * @param {ringdht.FindSuccessor.$Properties=} [properties] Properties to set
         * @returns {ringdht.FindSuccessor} FindSuccessor instance
         * @type {{
         *   (properties: ringdht.FindSuccessor.$Shape): ringdht.FindSuccessor & ringdht.FindSuccessor.$Shape;
         *   (properties?: ringdht.FindSuccessor.$Properties): ringdht.FindSuccessor;
         * }}
         */
        FindSuccessor.create = function(properties) {
            return new FindSuccessor(properties);
        };

        /**
         * Encodes the specified FindSuccessor message. Does not implicitly {@link ringdht.FindSuccessor.verify|verify} messages.
         * @function encode
         * @memberof ringdht.FindSuccessor
         * @static
         * @param {ringdht.FindSuccessor.$Properties} message FindSuccessor message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        FindSuccessor.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.origin != null && $Object.hasOwnProperty.call(message, "origin") && message.origin !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.origin);
            if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && message.seq !== 0)
                writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.seq);
            if (message.target != null && $Object.hasOwnProperty.call(message, "target") && message.target !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.target);
            if (message.final != null && $Object.hasOwnProperty.call(message, "final") && message.final !== false)
                writer.uint32(/* id 4, wireType 0 =*/32).bool(message.final);
            if (message.hops != null && $Object.hasOwnProperty.call(message, "hops") && message.hops !== 0)
                writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.hops);
            if (message.ack != null && $Object.hasOwnProperty.call(message, "ack") && message.ack !== 0)
                writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.ack);
            if (message.behind != null && message.behind.length)
                writer.uint32(/* id 7, wireType 2 =*/58).uint32s(message.behind);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a FindSuccessor message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.FindSuccessor
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.FindSuccessor & ringdht.FindSuccessor.$Shape} FindSuccessor
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        FindSuccessor.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.FindSuccessor();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.origin = value;
                        else
                            delete message.origin;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.seq = value;
                        else
                            delete message.seq;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.target = value;
                        else
                            delete message.target;
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.final = value;
                        else
                            delete message.final;
                        continue;
                    }
                case 5: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.hops = value;
                        else
                            delete message.hops;
                        continue;
                    }
                case 6: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.ack = value;
                        else
                            delete message.ack;
                        continue;
                    }
                case 7: {
                        if (wireType === 2) {
                            if (!(message.behind && message.behind.length))
                                message.behind = [];
                            reader.uint32s(message.behind);
                            continue;
                        }
                        if (wireType !== 0)
                            break;
                        if (!(message.behind && message.behind.length))
                            message.behind = [];
                        message.behind.push(reader.uint32());
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return FindSuccessor;
    })();

    ringdht.SuccessorFound = (function() {

        /**
         * Properties of a SuccessorFound.
         * @typedef {Object} ringdht.SuccessorFound.$Properties
         * @property {number|null} [seq] SuccessorFound seq
         * @property {number|null} [target] SuccessorFound target
         * @property {number|null} [successor] SuccessorFound successor
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a SuccessorFound.
         * @memberof ringdht
         * @interface ISuccessorFound
         * @augments ringdht.SuccessorFound.$Properties
         * @deprecated Use ringdht.SuccessorFound.$Properties instead.
         */

        /**
         * Shape of a SuccessorFound.
         * @typedef {ringdht.SuccessorFound.$Properties} ringdht.SuccessorFound.$Shape
         */

        /**
         * Constructs a new SuccessorFound.
         * @memberof ringdht
         * @classdesc Represents a SuccessorFound.
         * @constructor
         * @param {ringdht.SuccessorFound.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const SuccessorFound = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * SuccessorFound seq.
         * @member {number} seq
         * @memberof ringdht.SuccessorFound
         * @instance
         */
        SuccessorFound.prototype.seq = 0;

        /**
         * SuccessorFound target.
         * @member {number} target
         * @memberof ringdht.SuccessorFound
         * @instance
         */
        SuccessorFound.prototype.target = 0;

        /**
         * SuccessorFound successor.
         * @member {number} successor
         * @memberof ringdht.SuccessorFound
         * @instance
         */
        SuccessorFound.prototype.successor = 0;

        /**
         * Creates a new SuccessorFound instance using the specified properties.
         * @function create
         * @memberof ringdht.SuccessorFound
         * @static
         * @param {ringdht.SuccessorFound.$Properties=} [properties] Properties to set
         * @returns {ringdht.SuccessorFound} SuccessorFound instance
         * @type {{
         *   (properties: ringdht.SuccessorFound.$Shape): ringdht.SuccessorFound & ringdht.SuccessorFound.$Shape;
         *   (properties?: ringdht.SuccessorFound.$Properties): ringdht.SuccessorFound;
         * }}
         */
        SuccessorFound.create = function(properties) {
            return new SuccessorFound(properties);
        };

        /**
         * Encodes the specified SuccessorFound message. Does not implicitly {@link ringdht.SuccessorFound.verify|verify} messages.
         * @function encode
         * @memberof ringdht.SuccessorFound
         * @static
         * @param {ringdht.SuccessorFound.$Properties} message SuccessorFound message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        SuccessorFound.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && message.seq !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.seq);
            if (message.target != null && $Object.hasOwnProperty.call(message, "target") && message.target !== 0)
                writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.target);
            if (message.successor != null && $Object.hasOwnProperty.call(message, "successor") && message.successor !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.successor);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a SuccessorFound message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.SuccessorFound
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.SuccessorFound & ringdht.SuccessorFound.$Shape} SuccessorFound
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        SuccessorFound.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.SuccessorFound();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.seq = value;
                        else
                            delete message.seq;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.target = value;
                        else
                            delete message.target;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.successor = value;
                        else
                            delete message.successor;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return SuccessorFound;
    })();

    ringdht.HopAck = (function() {

        /**
         * Properties of a HopAck.
         * @typedef {Object} ringdht.HopAck.$Properties
         * @property {number|null} [ack] HopAck ack
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a HopAck.
         * @memberof ringdht
         * @interface IHopAck
         * @augments ringdht.HopAck.$Properties
         * @deprecated Use ringdht.HopAck.$Properties instead.
         */

        /**
         * Shape of a HopAck.
         * @typedef {ringdht.HopAck.$Properties} ringdht.HopAck.$Shape
         */

        /**
         * Constructs a new HopAck.
         * @memberof ringdht
         * @classdesc Represents a HopAck.
         * @constructor
         * @param {ringdht.HopAck.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const HopAck = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * HopAck ack.
         * @member {number} ack
         * @memberof ringdht.HopAck
         * @instance
         */
        HopAck.prototype.ack = 0;

        /**
         * Creates a new HopAck instance using the specified properties.
         * @function create
         * @memberof ringdht.HopAck
         * @static
         * @param {ringdht.HopAck.$Properties=} [properties] Properties to set
         * @returns {ringdht.HopAck} HopAck instance
         * @type {{
         *   (properties: ringdht.HopAck.$Shape): ringdht.HopAck & ringdht.HopAck.$Shape;
         *   (properties?: ringdht.HopAck.$Properties): ringdht.HopAck;
         * }}
         */
        HopAck.create = function(properties) {
            return new HopAck(properties);
        };

        /**
         * Encodes the specified HopAck message. Does not implicitly {@link ringdht.HopAck.verify|verify} messages.
         * @function encode
         * @memberof ringdht.HopAck
         * @static
         * @param {ringdht.HopAck.$Properties} message HopAck message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        HopAck.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.ack != null && $Object.hasOwnProperty.call(message, "ack") && message.ack !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.ack);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a HopAck message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.HopAck
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.HopAck & ringdht.HopAck.$Shape} HopAck
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        HopAck.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.HopAck();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.ack = value;
                        else
                            delete message.ack;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return HopAck;
    })();

    /**
     * TransferPurpose enum.
     * @name ringdht.TransferPurpose
     * @enum {number}
     * @property {number} TRANSFER_PURPOSE_UNSPECIFIED=0 TRANSFER_PURPOSE_UNSPECIFIED value
     * @property {number} STORE_FILE=1 STORE_FILE value
     * @property {number} DELIVER_FILE=2 DELIVER_FILE value
     * @property {number} REPLICA_FILE=3 REPLICA_FILE value
     */
    ringdht.TransferPurpose = (function() {
        const valuesById = $Object.create(null), values = $Object.create(valuesById);
        values[valuesById[0] = "TRANSFER_PURPOSE_UNSPECIFIED"] = 0;
        values[valuesById[1] = "STORE_FILE"] = 1;
        values[valuesById[2] = "DELIVER_FILE"] = 2;
        values[valuesById[3] = "REPLICA_FILE"] = 3;
        return values;
    })();

    ringdht.TransferHeader = (function() {

        /**
         * Properties of a TransferHeader.
         * @typedef {Object} ringdht.TransferHeader.$Properties
         * @property {ringdht.TransferPurpose|null} [purpose] TransferHeader purpose
         * @property {number|null} [op] TransferHeader op
         * @property {number|null} [origin] TransferHeader origin
         * @property {string|null} [name] TransferHeader name
         * @property {number|null} [size] TransferHeader size
         * @property {number|null} [hops] TransferHeader hops
         * @property {ringdht.Version.$Properties|null} [version] TransferHeader version
         * @property {boolean|null} [pending] TransferHeader pending
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a TransferHeader.
         * @memberof ringdht
         * @interface ITransferHeader
         * @augments ringdht.TransferHeader.$Properties
         * @deprecated Use ringdht.TransferHeader.$Properties instead.
         */

        /**
         * Shape of a TransferHeader.
         * @typedef {ringdht.TransferHeader.$Properties} ringdht.TransferHeader.$Shape
         */

        /**
         * Constructs a new TransferHeader.
         * @memberof ringdht
         * @classdesc Represents a TransferHeader.
         * @constructor
         * @param {ringdht.TransferHeader.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const TransferHeader = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * TransferHeader purpose.
         * @member {ringdht.TransferPurpose} purpose
         * @memberof ringdht.TransferHeader
         * @instance
         */
        TransferHeader.prototype.purpose = 0;

        /**
         * TransferHeader op.
         * @member {number} op
         * @memberof ringdht.TransferHeader
         * @instance
         */
        TransferHeader.prototype.op = 0;

        /**
         * TransferHeader origin.
         * @member {number} origin
         * @memberof ringdht.TransferHeader
         * @instance
         */
        TransferHeader.prototype.origin = 0;

        /**
         * TransferHeader name.
         * @member {string} name
         * @memberof ringdht.TransferHeader
         * @instance
         */
        TransferHeader.prototype.name = "";

        /**
         * TransferHeader size.
         * @member {number} size
         * @memberof ringdht.TransferHeader
         * @instance
         */
        TransferHeader.prototype.size = 0;

        /**
         * TransferHeader hops.
         * @member {number} hops
         * @memberof ringdht.TransferHeader
         * @instance
         */
        TransferHeader.prototype.hops = 0;

        /**
         * TransferHeader version.
         * @member {ringdht.Version.$Properties|null|undefined} version
         * @memberof ringdht.TransferHeader
         * @instance
         */
        TransferHeader.prototype.version = null;

        /**
         * TransferHeader pending.
         * @member {boolean} pending
         * @memberof ringdht.TransferHeader
         * @instance
         */
        TransferHeader.prototype.pending = false;

        /**
         * Creates a new TransferHeader instance using the specified properties.
         * @function create
         * @memberof ringdht.TransferHeader
         * @static
         * @param {ringdht.TransferHeader.$Properties=} [properties] Properties to set
         * @returns {ringdht.TransferHeader} TransferHeader instance
         * @type {{
         *   (properties: ringdht.TransferHeader.$Shape): ringdht.TransferHeader & ringdht.TransferHeader.$Shape;
         *   (properties?: ringdht.TransferHeader.$Properties): ringdht.TransferHeader;
         * }}
         */
        TransferHeader.create = function(properties) {
            return new TransferHeader(properties);
        };

        /**
         * Encodes the specified TransferHeader message. Does not implicitly {@link ringdht.TransferHeader.verify|verify} messages.
         * @function encode
         * @memberof ringdht.TransferHeader
         * @static
         * @param {ringdht.TransferHeader.$Properties} message TransferHeader message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        TransferHeader.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.purpose != null && $Object.hasOwnProperty.call(message, "purpose") && message.purpose !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).int32(message.purpose);
            if (message.op != null && $Object.hasOwnProperty.call(message, "op") && message.op !== 0)
                writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.op);
            if (message.origin != null && $Object.hasOwnProperty.call(message, "origin") && message.origin !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.origin);
            if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                writer.uint32(/* id 4, wireType 2 =*/34).string(message.name);
            if (message.size != null && $Object.hasOwnProperty.call(message, "size") && message.size !== 0)
                writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.size);
            if (message.hops != null && $Object.hasOwnProperty.call(message, "hops") && message.hops !== 0)
                writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.hops);
            if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                $root.ringdht.Version.encode(message.version, writer.uint32(/* id 7, wireType 2 =*/58).fork(), _depth + 1).ldelim();
            if (message.pending != null && $Object.hasOwnProperty.call(message, "pending") && message.pending !== false)
                writer.uint32(/* id 8, wireType 0 =*/64).bool(message.pending);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a TransferHeader message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.TransferHeader
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.TransferHeader & ringdht.TransferHeader.$Shape} TransferHeader
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        TransferHeader.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.TransferHeader();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.purpose = value;
                        else
                            delete message.purpose;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.op = value;
                        else
                            delete message.op;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.origin = value;
                        else
                            delete message.origin;
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.name = value;
                        else
                            delete message.name;
                        continue;
                    }
                case 5: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.size = value;
                        else
                            delete message.size;
                        continue;
                    }
                case 6: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.hops = value;
                        else
                            delete message.hops;
                        continue;
                    }
                case 7: {
                        if (wireType !== 2)
                            break;
                        message.version = $root.ringdht.Version.decode(reader, reader.size(), $undefined, _depth + 1, message.version);
                        continue;
                    }
                case 8: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.pending = value;
                        else
                            delete message.pending;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return TransferHeader;
    })();

    ringdht.Version = (function() {

        /**
         * Properties of a Version.
         * @typedef {Object} ringdht.Version.$Properties
         * @property {number|null} [stamp] Version stamp
         * @property {number|null} [origin] Version origin
         * @property {number|null} [op] Version op
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Version.
         * @memberof ringdht
         * @interface IVersion
         * @augments ringdht.Version.$Properties
         * @deprecated Use ringdht.Version.$Properties instead.
         */

        /**
         * Shape of a Version.
         * @typedef {ringdht.Version.$Properties} ringdht.Version.$Shape
         */

        /**
         * Constructs a new Version.
         * @memberof ringdht
         * @classdesc Represents a Version.
         * @constructor
         * @param {ringdht.Version.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Version = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Version stamp.
         * @member {number} stamp
         * @memberof ringdht.Version
         * @instance
         */
        Version.prototype.stamp = 0;

        /**
         * Version origin.
         * @member {number} origin
         * @memberof ringdht.Version
         * @instance
         */
        Version.prototype.origin = 0;

        /**
         * Version op.
         * @member {number} op
         * @memberof ringdht.Version
         * @instance
         */
        Version.prototype.op = 0;

        /**
         * Creates a new Version instance using the specified properties.
         * @function create
         * @memberof ringdht.Version
         * @static
         * @param {ringdht.Version.$Properties=} [properties] Properties to set
         * @returns {ringdht.Version} Version instance
         * @type {{
         *   (properties: ringdht.Version.$Shape): ringdht.Version & ringdht.Version.$Shape;
         *   (properties?: ringdht.Version.$Properties): ringdht.Version;
         * }}
         */
        Version.create = function(properties) {
            return new Version(properties);
        };

        /**
         * Encodes the specified Version message. Does not implicitly {@link ringdht.Version.verify|verify} messages.
         * @function encode
         * @memberof ringdht.Version
         * @static
         * @param {ringdht.Version.$Properties} message Version message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Version.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.stamp != null && $Object.hasOwnProperty.call(message, "stamp") && !$Object.is(message.stamp, 0))
                writer.uint32(/* id 1, wireType 1 =*/9).double(message.stamp);
            if (message.origin != null && $Object.hasOwnProperty.call(message, "origin") && message.origin !== 0)
                writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.origin);
            if (message.op != null && $Object.hasOwnProperty.call(message, "op") && message.op !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.op);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Version message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.Version
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.Version & ringdht.Version.$Shape} Version
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Version.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.Version();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.stamp = value;
                        else
                            delete message.stamp;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.origin = value;
                        else
                            delete message.origin;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.op = value;
                        else
                            delete message.op;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return Version;
    })();

    /**
     * SettleOutcome enum.
     * @name ringdht.SettleOutcome
     * @enum {number}
     * @property {number} SETTLE_OUTCOME_UNSPECIFIED=0 SETTLE_OUTCOME_UNSPECIFIED value
     * @property {number} COMMIT=1 COMMIT value
     * @property {number} DISCARD=2 DISCARD value
     */
    ringdht.SettleOutcome = (function() {
        const valuesById = $Object.create(null), values = $Object.create(valuesById);
        values[valuesById[0] = "SETTLE_OUTCOME_UNSPECIFIED"] = 0;
        values[valuesById[1] = "COMMIT"] = 1;
        values[valuesById[2] = "DISCARD"] = 2;
        return values;
    })();

    ringdht.Settle = (function() {

        /**
         * Properties of a Settle.
         * @typedef {Object} ringdht.Settle.$Properties
         * @property {string|null} [name] Settle name
         * @property {ringdht.Version.$Properties|null} [version] Settle version
         * @property {ringdht.SettleOutcome|null} [outcome] Settle outcome
         * @property {boolean|null} [done] Settle done
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Settle.
         * @memberof ringdht
         * @interface ISettle
         * @augments ringdht.Settle.$Properties
         * @deprecated Use ringdht.Settle.$Properties instead.
         */

        /**
         * Shape of a Settle.
         * @typedef {ringdht.Settle.$Properties} ringdht.Settle.$Shape
         */

        /**
         * Constructs a new Settle.
         * @memberof ringdht
         * @classdesc Represents a Settle.
         * @constructor
         * @param {ringdht.Settle.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Settle = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Settle name.
         * @member {string} name
         * @memberof ringdht.Settle
         * @instance
         */
        Settle.prototype.name = "";

        /**
         * Settle version.
         * @member {ringdht.Version.$Properties|null|undefined} version
         * @memberof ringdht.Settle
         * @instance
         */
        Settle.prototype.version = null;

        /**
         * Settle outcome.
         * @member {ringdht.SettleOutcome} outcome
         * @memberof ringdht.Settle
         * @instance
         */
        Settle.prototype.outcome = 0;

        /**
         * Settle done.
         * @member {boolean} done
         * @memberof ringdht.Settle
         * @instance
         */
        Settle.prototype.done = false;

        /**
         * Creates a new Settle instance using the specified properties.
         * @function create
         * @memberof ringdht.Settle
         * @static
         * @param {ringdht.Settle.$Properties=} [properties] Properties to set
         * @returns {ringdht.Settle} Settle instance
         * @type {{
         *   (properties: ringdht.Settle.$Shape): ringdht.Settle & ringdht.Settle.$Shape;
         *   (properties?: ringdht.Settle.$Properties): ringdht.Settle;
         * }}
         */
        Settle.create = function(properties) {
            return new Settle(properties);
        };

        /**
         * Encodes the specified Settle message. Does not implicitly {@link ringdht.Settle.verify|verify} messages.
         * @function encode
         * @memberof ringdht.Settle
         * @static
         * @param {ringdht.Settle.$Properties} message Settle message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Settle.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                writer.uint32(/* id 1, wireType 2 =*/10).string(message.name);
            if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                $root.ringdht.Version.encode(message.version, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
            if (message.outcome != null && $Object.hasOwnProperty.call(message, "outcome") && message.outcome !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).int32(message.outcome);
            if (message.done != null && $Object.hasOwnProperty.call(message, "done") && message.done !== false)
                writer.uint32(/* id 4, wireType 0 =*/32).bool(message.done);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Settle message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.Settle
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.Settle & ringdht.Settle.$Shape} Settle
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Settle.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.Settle();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.name = value;
                        else
                            delete message.name;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.version = $root.ringdht.Version.decode(reader, reader.size(), $undefined, _depth + 1, message.version);
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.outcome = value;
                        else
                            delete message.outcome;
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.done = value;
                        else
                            delete message.done;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return Settle;
    })();

    ringdht.TransferChunk = (function() {

        /**
         * Properties of a TransferChunk.
         * @typedef {Object} ringdht.TransferChunk.$Properties
         * @property {Uint8Array|null} [data] TransferChunk data
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a TransferChunk.
         * @memberof ringdht
         * @interface ITransferChunk
         * @augments ringdht.TransferChunk.$Properties
         * @deprecated Use ringdht.TransferChunk.$Properties instead.
         */

        /**
         * Shape of a TransferChunk.
         * @typedef {ringdht.TransferChunk.$Properties} ringdht.TransferChunk.$Shape
         */

        /**
         * Constructs a new TransferChunk.
         * @memberof ringdht
         * @classdesc Represents a TransferChunk.
         * @constructor
         * @param {ringdht.TransferChunk.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const TransferChunk = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * TransferChunk data.
         * @member {Uint8Array} data
         * @memberof ringdht.TransferChunk
         * @instance
         */
        TransferChunk.prototype.data = $util.newBuffer([]);

        /**
         * Creates a new TransferChunk instance using the specified properties.
         * @function create
         * @memberof ringdht.TransferChunk
         * @static
         * @param {ringdht.TransferChunk.$Properties=} [properties] Properties to set
         * @returns {ringdht.TransferChunk} TransferChunk instance
         * @type {{
         *   (properties: ringdht.TransferChunk.$Shape): ringdht.TransferChunk & ringdht.TransferChunk.$Shape;
         *   (properties?: ringdht.TransferChunk.$Properties): ringdht.TransferChunk;
         * }}
         */
        TransferChunk.create = function(properties) {
            return new TransferChunk(properties);
        };

        /**
         * Encodes the specified TransferChunk message. Does not implicitly {@link ringdht.TransferChunk.verify|verify} messages.
         * @function encode
         * @memberof ringdht.TransferChunk
         * @static
         * @param {ringdht.TransferChunk.$Properties} message TransferChunk message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        TransferChunk.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.data != null && $Object.hasOwnProperty.call(message, "data") && message.data.length)
                writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.data);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a TransferChunk message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.TransferChunk
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.TransferChunk & ringdht.TransferChunk.$Shape} TransferChunk
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        TransferChunk.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.TransferChunk();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.data = value;
                        else
                            delete message.data;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return TransferChunk;
    })();

    ringdht.TransferEnd = (function() {

        /**
         * Properties of a TransferEnd.
         * @typedef {Object} ringdht.TransferEnd.$Properties
         * @property {Uint8Array|null} [sha256] TransferEnd sha256
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a TransferEnd.
         * @memberof ringdht
         * @interface ITransferEnd
         * @augments ringdht.TransferEnd.$Properties
         * @deprecated Use ringdht.TransferEnd.$Properties instead.
         */

        /**
         * Shape of a TransferEnd.
         * @typedef {ringdht.TransferEnd.$Properties} ringdht.TransferEnd.$Shape
         */

        /**
         * Constructs a new TransferEnd.
         * @memberof ringdht
         * @classdesc Represents a TransferEnd.
         * @constructor
         * @param {ringdht.TransferEnd.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const TransferEnd = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * TransferEnd sha256.
         * @member {Uint8Array} sha256
         * @memberof ringdht.TransferEnd
         * @instance
         */
        TransferEnd.prototype.sha256 = $util.newBuffer([]);

        /**
         * Creates a new TransferEnd instance using the specified properties.
         * @function create
         * @memberof ringdht.TransferEnd
         * @static
         * @param {ringdht.TransferEnd.$Properties=} [properties] Properties to set
         * @returns {ringdht.TransferEnd} TransferEnd instance
         * @type {{
         *   (properties: ringdht.TransferEnd.$Shape): ringdht.TransferEnd & ringdht.TransferEnd.$Shape;
         *   (properties?: ringdht.TransferEnd.$Properties): ringdht.TransferEnd;
         * }}
         */
        TransferEnd.create = function(properties) {
            return new TransferEnd(properties);
        };

        /**
         * Encodes the specified TransferEnd message. Does not implicitly {@link ringdht.TransferEnd.verify|verify} messages.
         * @function encode
         * @memberof ringdht.TransferEnd
         * @static
         * @param {ringdht.TransferEnd.$Properties} message TransferEnd message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        TransferEnd.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256") && message.sha256.length)
                writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.sha256);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a TransferEnd message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.TransferEnd
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.TransferEnd & ringdht.TransferEnd.$Shape} TransferEnd
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        TransferEnd.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.TransferEnd();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.sha256 = value;
                        else
                            delete message.sha256;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return TransferEnd;
    })();

    ringdht.TransferAck = (function() {

        /**
         * Properties of a TransferAck.
         * @typedef {Object} ringdht.TransferAck.$Properties
         * @property {boolean|null} [ok] TransferAck ok
         * @property {string|null} [error] TransferAck error
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a TransferAck.
         * @memberof ringdht
         * @interface ITransferAck
         * @augments ringdht.TransferAck.$Properties
         * @deprecated Use ringdht.TransferAck.$Properties instead.
         */

        /**
         * Shape of a TransferAck.
         * @typedef {ringdht.TransferAck.$Properties} ringdht.TransferAck.$Shape
         */

        /**
         * Constructs a new TransferAck.
         * @memberof ringdht
         * @classdesc Represents a TransferAck.
         * @constructor
         * @param {ringdht.TransferAck.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const TransferAck = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * TransferAck ok.
         * @member {boolean} ok
         * @memberof ringdht.TransferAck
         * @instance
         */
        TransferAck.prototype.ok = false;

        /**
         * TransferAck error.
         * @member {string} error
         * @memberof ringdht.TransferAck
         * @instance
         */
        TransferAck.prototype.error = "";

        /**
         * Creates a new TransferAck instance using the specified properties.
         * @function create
         * @memberof ringdht.TransferAck
         * @static
         * @param {ringdht.TransferAck.$Properties=} [properties] Properties to set
         * @returns {ringdht.TransferAck} TransferAck instance
         * @type {{
         *   (properties: ringdht.TransferAck.$Shape): ringdht.TransferAck & ringdht.TransferAck.$Shape;
         *   (properties?: ringdht.TransferAck.$Properties): ringdht.TransferAck;
         * }}
         */
        TransferAck.create = function(properties) {
            return new TransferAck(properties);
        };

        /**
         * Encodes the specified TransferAck message. Does not implicitly {@link ringdht.TransferAck.verify|verify} messages.
         * @function encode
         * @memberof ringdht.TransferAck
         * @static
         * @param {ringdht.TransferAck.$Properties} message TransferAck message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        TransferAck.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.ok != null && $Object.hasOwnProperty.call(message, "ok") && message.ok !== false)
                writer.uint32(/* id 1, wireType 0 =*/8).bool(message.ok);
            if (message.error != null && $Object.hasOwnProperty.call(message, "error") && message.error !== "")
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.error);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a TransferAck message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.TransferAck
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.TransferAck & ringdht.TransferAck.$Shape} TransferAck
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        TransferAck.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.TransferAck();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.ok = value;
                        else
                            delete message.ok;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.error = value;
                        else
                            delete message.error;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return TransferAck;
    })();

    ringdht.InlineFile = (function() {

        /**
         * Properties of an InlineFile.
         * @typedef {Object} ringdht.InlineFile.$Properties
         * @property {number|null} [transfer] InlineFile transfer
         * @property {ringdht.TransferHeader.$Properties|null} [header] InlineFile header
         * @property {Uint8Array|null} [data] InlineFile data
         * @property {Uint8Array|null} [sha256] InlineFile sha256
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an InlineFile.
         * @memberof ringdht
         * @interface IInlineFile
         * @augments ringdht.InlineFile.$Properties
         * @deprecated Use ringdht.InlineFile.$Properties instead.
         */

        /**
         * Shape of an InlineFile.
         * @typedef {ringdht.InlineFile.$Properties} ringdht.InlineFile.$Shape
         */

        /**
         * Constructs a new InlineFile.
         * @memberof ringdht
         * @classdesc Represents an InlineFile.
         * @constructor
         * @param {ringdht.InlineFile.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const InlineFile = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * InlineFile transfer.
         * @member {number} transfer
         * @memberof ringdht.InlineFile
         * @instance
         */
        InlineFile.prototype.transfer = 0;

        /**
         * InlineFile header.
         * @member {ringdht.TransferHeader.$Properties|null|undefined} header
         * @memberof ringdht.InlineFile
         * @instance
         */
        InlineFile.prototype.header = null;

        /**
         * InlineFile data.
         * @member {Uint8Array} data
         * @memberof ringdht.InlineFile
         * @instance
         */
        InlineFile.prototype.data = $util.newBuffer([]);

        /**
         * InlineFile sha256.
         * @member {Uint8Array} sha256
         * @memberof ringdht.InlineFile
         * @instance
         */
        InlineFile.prototype.sha256 = $util.newBuffer([]);

        /**
         * Creates a new InlineFile instance using the specified properties.
         * @function create
         * @memberof ringdht.InlineFile
         * @static
         * @param {ringdht.InlineFile.$Properties=} [properties] Properties to set
         * @returns {ringdht.InlineFile} InlineFile instance
         * @type {{
         *   (properties: ringdht.InlineFile.$Shape): ringdht.InlineFile & ringdht.InlineFile.$Shape;
         *   (properties?: ringdht.InlineFile.$Properties): ringdht.InlineFile;
         * }}
         */
        InlineFile.create = function(properties) {
            return new InlineFile(properties);
        };

        /**
         * Encodes the specified InlineFile message. Does not implicitly {@link ringdht.InlineFile.verify|verify} messages.
         * @function encode
         * @memberof ringdht.InlineFile
         * @static
         * @param {ringdht.InlineFile.$Properties} message InlineFile message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        InlineFile.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.transfer != null && $Object.hasOwnProperty.call(message, "transfer") && message.transfer !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.transfer);
            if (message.header != null && $Object.hasOwnProperty.call(message, "header"))
                $root.ringdht.TransferHeader.encode(message.header, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
            if (message.data != null && $Object.hasOwnProperty.call(message, "data") && message.data.length)
                writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.data);
            if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256") && message.sha256.length)
                writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.sha256);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes an InlineFile message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.InlineFile
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.InlineFile & ringdht.InlineFile.$Shape} InlineFile
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        InlineFile.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.InlineFile();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.transfer = value;
                        else
                            delete message.transfer;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.header = $root.ringdht.TransferHeader.decode(reader, reader.size(), $undefined, _depth + 1, message.header);
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.data = value;
                        else
                            delete message.data;
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.sha256 = value;
                        else
                            delete message.sha256;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return InlineFile;
    })();

    ringdht.InlineAck = (function() {

        /**
         * Properties of an InlineAck.
         * @typedef {Object} ringdht.InlineAck.$Properties
         * @property {number|null} [transfer] InlineAck transfer
         * @property {boolean|null} [ok] InlineAck ok
         * @property {string|null} [error] InlineAck error
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an InlineAck.
         * @memberof ringdht
         * @interface IInlineAck
         * @augments ringdht.InlineAck.$Properties
         * @deprecated Use ringdht.InlineAck.$Properties instead.
         */

        /**
         * Shape of an InlineAck.
         * @typedef {ringdht.InlineAck.$Properties} ringdht.InlineAck.$Shape
         */

        /**
         * Constructs a new InlineAck.
         * @memberof ringdht
         * @classdesc Represents an InlineAck.
         * @constructor
         * @param {ringdht.InlineAck.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const InlineAck = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * InlineAck transfer.
         * @member {number} transfer
         * @memberof ringdht.InlineAck
         * @instance
         */
        InlineAck.prototype.transfer = 0;

        /**
         * InlineAck ok.
         * @member {boolean} ok
         * @memberof ringdht.InlineAck
         * @instance
         */
        InlineAck.prototype.ok = false;

        /**
         * InlineAck error.
         * @member {string} error
         * @memberof ringdht.InlineAck
         * @instance
         */
        InlineAck.prototype.error = "";

        /**
         * Creates a new InlineAck instance using the specified properties.
         * @function create
         * @memberof ringdht.InlineAck
         * @static
         * @param {ringdht.InlineAck.$Properties=} [properties] Properties to set
         * @returns {ringdht.InlineAck} InlineAck instance
         * @type {{
         *   (properties: ringdht.InlineAck.$Shape): ringdht.InlineAck & ringdht.InlineAck.$Shape;
         *   (properties?: ringdht.InlineAck.$Properties): ringdht.InlineAck;
         * }}
         */
        InlineAck.create = function(properties) {
            return new InlineAck(properties);
        };

        /**
         * Encodes the specified InlineAck message. Does not implicitly {@link ringdht.InlineAck.verify|verify} messages.
         * @function encode
         * @memberof ringdht.InlineAck
         * @static
         * @param {ringdht.InlineAck.$Properties} message InlineAck message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        InlineAck.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.transfer != null && $Object.hasOwnProperty.call(message, "transfer") && message.transfer !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.transfer);
            if (message.ok != null && $Object.hasOwnProperty.call(message, "ok") && message.ok !== false)
                writer.uint32(/* id 2, wireType 0 =*/16).bool(message.ok);
            if (message.error != null && $Object.hasOwnProperty.call(message, "error") && message.error !== "")
                writer.uint32(/* id 3, wireType 2 =*/26).string(message.error);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes an InlineAck message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.InlineAck
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.InlineAck & ringdht.InlineAck.$Shape} InlineAck
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        InlineAck.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.InlineAck();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.transfer = value;
                        else
                            delete message.transfer;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.ok = value;
                        else
                            delete message.ok;
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.error = value;
                        else
                            delete message.error;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return InlineAck;
    })();

    ringdht.Stored = (function() {

        /**
         * Properties of a Stored.
         * @typedef {Object} ringdht.Stored.$Properties
         * @property {number|null} [op] Stored op
         * @property {string|null} [name] Stored name
         * @property {number|null} [hops] Stored hops
         * @property {number|null} [copies] Stored copies
         * @property {string|null} [error] Stored error
         * @property {ringdht.Version.$Properties|null} [version] Stored version
         * @property {boolean|null} [superseded] Stored superseded
         * @property {boolean|null} [unknown] Stored unknown
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Stored.
         * @memberof ringdht
         * @interface IStored
         * @augments ringdht.Stored.$Properties
         * @deprecated Use ringdht.Stored.$Properties instead.
         */

        /**
         * Shape of a Stored.
         * @typedef {ringdht.Stored.$Properties} ringdht.Stored.$Shape
         */

        /**
         * Constructs a new Stored.
         * @memberof ringdht
         * @classdesc Represents a Stored.
         * @constructor
         * @param {ringdht.Stored.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Stored = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Stored op.
         * @member {number} op
         * @memberof ringdht.Stored
         * @instance
         */
        Stored.prototype.op = 0;

        /**
         * Stored name.
         * @member {string} name
         * @memberof ringdht.Stored
         * @instance
         */
        Stored.prototype.name = "";

        /**
         * Stored hops.
         * @member {number} hops
         * @memberof ringdht.Stored
         * @instance
         */
        Stored.prototype.hops = 0;

        /**
         * Stored copies.
         * @member {number} copies
         * @memberof ringdht.Stored
         * @instance
         */
        Stored.prototype.copies = 0;

        /**
         * Stored error.
         * @member {string} error
         * @memberof ringdht.Stored
         * @instance
         */
        Stored.prototype.error = "";

        /**
         * Stored version.
         * @member {ringdht.Version.$Properties|null|undefined} version
         * @memberof ringdht.Stored
         * @instance
         */
        Stored.prototype.version = null;

        /**
         * Stored superseded.
         * @member {boolean} superseded
         * @memberof ringdht.Stored
         * @instance
         */
        Stored.prototype.superseded = false;

        /**
         * Stored unknown.
         * @member {boolean} unknown
         * @memberof ringdht.Stored
         * @instance
         */
        Stored.prototype.unknown = false;

        /**
         * Creates a new Stored instance using the specified properties.
         * @function create
         * @memberof ringdht.Stored
         * @static
         * @param {ringdht.Stored.$Properties=} [properties] Properties to set
         * @returns {ringdht.Stored} Stored instance
         * @type {{
         *   (properties: ringdht.Stored.$Shape): ringdht.Stored & ringdht.Stored.$Shape;
         *   (properties?: ringdht.Stored.$Properties): ringdht.Stored;
         * }}
         */
        Stored.create = function(properties) {
            return new Stored(properties);
        };

        /**
         * Encodes the specified Stored message. Does not implicitly {@link ringdht.Stored.verify|verify} messages.
         * @function encode
         * @memberof ringdht.Stored
         * @static
         * @param {ringdht.Stored.$Properties} message Stored message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Stored.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.op != null && $Object.hasOwnProperty.call(message, "op") && message.op !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.op);
            if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.name);
            if (message.hops != null && $Object.hasOwnProperty.call(message, "hops") && message.hops !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.hops);
            if (message.copies != null && $Object.hasOwnProperty.call(message, "copies") && message.copies !== 0)
                writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.copies);
            if (message.error != null && $Object.hasOwnProperty.call(message, "error") && message.error !== "")
                writer.uint32(/* id 5, wireType 2 =*/42).string(message.error);
            if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                $root.ringdht.Version.encode(message.version, writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
            if (message.superseded != null && $Object.hasOwnProperty.call(message, "superseded") && message.superseded !== false)
                writer.uint32(/* id 7, wireType 0 =*/56).bool(message.superseded);
            if (message.unknown != null && $Object.hasOwnProperty.call(message, "unknown") && message.unknown !== false)
                writer.uint32(/* id 8, wireType 0 =*/64).bool(message.unknown);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Stored message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.Stored
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.Stored & ringdht.Stored.$Shape} Stored
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Stored.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.Stored();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.op = value;
                        else
                            delete message.op;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.name = value;
                        else
                            delete message.name;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.hops = value;
                        else
                            delete message.hops;
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.copies = value;
                        else
                            delete message.copies;
                        continue;
                    }
                case 5: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.error = value;
                        else
                            delete message.error;
                        continue;
                    }
                case 6: {
                        if (wireType !== 2)
                            break;
                        message.version = $root.ringdht.Version.decode(reader, reader.size(), $undefined, _depth + 1, message.version);
                        continue;
                    }
                case 7: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.superseded = value;
                        else
                            delete message.superseded;
                        continue;
                    }
                case 8: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.unknown = value;
                        else
                            delete message.unknown;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return Stored;
    })();

    ringdht.FileEntry = (function() {

        /**
         * Properties of a FileEntry.
         * @typedef {Object} ringdht.FileEntry.$Properties
         * @property {string|null} [name] FileEntry name
         * @property {Uint8Array|null} [sha256] FileEntry sha256
         * @property {ringdht.Version.$Properties|null} [version] FileEntry version
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a FileEntry.
         * @memberof ringdht
         * @interface IFileEntry
         * @augments ringdht.FileEntry.$Properties
         * @deprecated Use ringdht.FileEntry.$Properties instead.
         */

        /**
         * Shape of a FileEntry.
         * @typedef {ringdht.FileEntry.$Properties} ringdht.FileEntry.$Shape
         */

        /**
         * Constructs a new FileEntry.
         * @memberof ringdht
         * @classdesc Represents a FileEntry.
         * @constructor
         * @param {ringdht.FileEntry.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const FileEntry = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * FileEntry name.
         * @member {string} name
         * @memberof ringdht.FileEntry
         * @instance
         */
        FileEntry.prototype.name = "";

        /**
         * FileEntry sha256.
         * @member {Uint8Array} sha256
         * @memberof ringdht.FileEntry
         * @instance
         */
        FileEntry.prototype.sha256 = $util.newBuffer([]);

        /**
         * FileEntry version.
         * @member {ringdht.Version.$Properties|null|undefined} version
         * @memberof ringdht.FileEntry
         * @instance
         */
        FileEntry.prototype.version = null;

        /**
         * Creates a new FileEntry instance using the specified properties.
         * @function create
         * @memberof ringdht.FileEntry
         * @static
         * @param {ringdht.FileEntry.$Properties=} [properties] Properties to set
         * @returns {ringdht.FileEntry} FileEntry instance
         * @type {{
         *   (properties: ringdht.FileEntry.$Shape): ringdht.FileEntry & ringdht.FileEntry.$Shape;
         *   (properties?: ringdht.FileEntry.$Properties): ringdht.FileEntry;
         * }}
         */
        FileEntry.create = function(properties) {
            return new FileEntry(properties);
        };

        /**
         * Encodes the specified FileEntry message. Does not implicitly {@link ringdht.FileEntry.verify|verify} messages.
         * @function encode
         * @memberof ringdht.FileEntry
         * @static
         * @param {ringdht.FileEntry.$Properties} message FileEntry message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        FileEntry.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                writer.uint32(/* id 1, wireType 2 =*/10).string(message.name);
            if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256") && message.sha256.length)
                writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.sha256);
            if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                $root.ringdht.Version.encode(message.version, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a FileEntry message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.FileEntry
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.FileEntry & ringdht.FileEntry.$Shape} FileEntry
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        FileEntry.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.FileEntry();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.name = value;
                        else
                            delete message.name;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.sha256 = value;
                        else
                            delete message.sha256;
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        message.version = $root.ringdht.Version.decode(reader, reader.size(), $undefined, _depth + 1, message.version);
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return FileEntry;
    })();

    ringdht.Digest = (function() {

        /**
         * Properties of a Digest.
         * @typedef {Object} ringdht.Digest.$Properties
         * @property {number|null} [rangeLo] Digest rangeLo
         * @property {number|null} [lo] Digest lo
         * @property {number|null} [hi] Digest hi
         * @property {Array.<ringdht.FileEntry.$Properties>|null} [entries] Digest entries
         * @property {boolean|null} [handoff] Digest handoff
         * @property {boolean|null} [zoned] Digest zoned
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Digest.
         * @memberof ringdht
         * @interface IDigest
         * @augments ringdht.Digest.$Properties
         * @deprecated Use ringdht.Digest.$Properties instead.
         */

        /**
         * Shape of a Digest.
         * @typedef {ringdht.Digest.$Properties} ringdht.Digest.$Shape
         */

        /**
         * Constructs a new Digest.
         * @memberof ringdht
         * @classdesc Represents a Digest.
         * @constructor
         * @param {ringdht.Digest.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Digest = function (properties) {
            this.entries = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Digest rangeLo.
         * @member {number} rangeLo
         * @memberof ringdht.Digest
         * @instance
         */
        Digest.prototype.rangeLo = 0;

        /**
         * Digest lo.
         * @member {number} lo
         * @memberof ringdht.Digest
         * @instance
         */
        Digest.prototype.lo = 0;

        /**
         * Digest hi.
         * @member {number} hi
         * @memberof ringdht.Digest
         * @instance
         */
        Digest.prototype.hi = 0;

        /**
         * Digest entries.
         * @member {Array.<ringdht.FileEntry.$Properties>} entries
         * @memberof ringdht.Digest
         * @instance
         */
        Digest.prototype.entries = $util.emptyArray;

        /**
         * Digest handoff.
         * @member {boolean} handoff
         * @memberof ringdht.Digest
         * @instance
         */
        Digest.prototype.handoff = false;

        /**
         * Digest zoned.
         * @member {boolean} zoned
         * @memberof ringdht.Digest
         * @instance
         */
        Digest.prototype.zoned = false;

        /**
         * Creates a new Digest instance using the specified properties.
         * @function create
         * @memberof ringdht.Digest
         * @static
         * @param {ringdht.Digest.$Properties=} [properties] Properties to set
         * @returns {ringdht.Digest} Digest instance
         * @type {{
         *   (properties: ringdht.Digest.$Shape): ringdht.Digest & ringdht.Digest.$Shape;
         *   (properties?: ringdht.Digest.$Properties): ringdht.Digest;
         * }}
         */
        Digest.create = function(properties) {
            return new Digest(properties);
        };

        /**
         * Encodes the specified Digest message. Does not implicitly {@link ringdht.Digest.verify|verify} messages.
         * @function encode
         * @memberof ringdht.Digest
         * @static
         * @param {ringdht.Digest.$Properties} message Digest message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Digest.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.rangeLo != null && $Object.hasOwnProperty.call(message, "rangeLo") && message.rangeLo !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.rangeLo);
            if (message.lo != null && $Object.hasOwnProperty.call(message, "lo") && message.lo !== 0)
                writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.lo);
            if (message.hi != null && $Object.hasOwnProperty.call(message, "hi") && message.hi !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.hi);
            if (message.entries != null && message.entries.length)
                for (let i = 0; i < message.entries.length; ++i)
                    $root.ringdht.FileEntry.encode(message.entries[i], writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
            if (message.handoff != null && $Object.hasOwnProperty.call(message, "handoff") && message.handoff !== false)
                writer.uint32(/* id 5, wireType 0 =*/40).bool(message.handoff);
            if (message.zoned != null && $Object.hasOwnProperty.call(message, "zoned") && message.zoned !== false)
                writer.uint32(/* id 6, wireType 0 =*/48).bool(message.zoned);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Digest message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.Digest
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.Digest & ringdht.Digest.$Shape} Digest
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Digest.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.Digest();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.rangeLo = value;
                        else
                            delete message.rangeLo;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.lo = value;
                        else
                            delete message.lo;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.hi = value;
                        else
                            delete message.hi;
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if (!(message.entries && message.entries.length))
                            message.entries = [];
                        message.entries.push($root.ringdht.FileEntry.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                case 5: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.handoff = value;
                        else
                            delete message.handoff;
                        continue;
                    }
                case 6: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.zoned = value;
                        else
                            delete message.zoned;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return Digest;
    })();

    ringdht.DigestReply = (function() {

        /**
         * Properties of a DigestReply.
         * @typedef {Object} ringdht.DigestReply.$Properties
         * @property {Array.<string>|null} [want] DigestReply want
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a DigestReply.
         * @memberof ringdht
         * @interface IDigestReply
         * @augments ringdht.DigestReply.$Properties
         * @deprecated Use ringdht.DigestReply.$Properties instead.
         */

        /**
         * Shape of a DigestReply.
         * @typedef {ringdht.DigestReply.$Properties} ringdht.DigestReply.$Shape
         */

        /**
         * Constructs a new DigestReply.
         * @memberof ringdht
         * @classdesc Represents a DigestReply.
         * @constructor
         * @param {ringdht.DigestReply.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const DigestReply = function (properties) {
            this.want = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * DigestReply want.
         * @member {Array.<string>} want
         * @memberof ringdht.DigestReply
         * @instance
         */
        DigestReply.prototype.want = $util.emptyArray;

        /**
         * Creates a new DigestReply instance using the specified properties.
         * @function create
         * @memberof ringdht.DigestReply
         * @static
         * @param {ringdht.DigestReply.$Properties=} [properties] Properties to set
         * @returns {ringdht.DigestReply} DigestReply instance
         * @type {{
         *   (properties: ringdht.DigestReply.$Shape): ringdht.DigestReply & ringdht.DigestReply.$Shape;
         *   (properties?: ringdht.DigestReply.$Properties): ringdht.DigestReply;
         * }}
         */
        DigestReply.create = function(properties) {
            return new DigestReply(properties);
        };

        /**
         * Encodes the specified DigestReply message. Does not implicitly {@link ringdht.DigestReply.verify|verify} messages.
         * @function encode
         * @memberof ringdht.DigestReply
         * @static
         * @param {ringdht.DigestReply.$Properties} message DigestReply message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        DigestReply.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.want != null && message.want.length)
                for (let i = 0; i < message.want.length; ++i)
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.want[i]);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a DigestReply message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.DigestReply
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.DigestReply & ringdht.DigestReply.$Shape} DigestReply
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        DigestReply.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.DigestReply();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if (!(message.want && message.want.length))
                            message.want = [];
                        message.want.push(reader.stringVerify());
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return DigestReply;
    })();

    ringdht.HoldQuery = (function() {

        /**
         * Properties of a HoldQuery.
         * @typedef {Object} ringdht.HoldQuery.$Properties
         * @property {Array.<string>|null} [names] HoldQuery names
         * @property {number|null} [origin] HoldQuery origin
         * @property {number|null} [ttl] HoldQuery ttl
         * @property {Array.<ringdht.Version.$Properties>|null} [versions] HoldQuery versions
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a HoldQuery.
         * @memberof ringdht
         * @interface IHoldQuery
         * @augments ringdht.HoldQuery.$Properties
         * @deprecated Use ringdht.HoldQuery.$Properties instead.
         */

        /**
         * Shape of a HoldQuery.
         * @typedef {ringdht.HoldQuery.$Properties} ringdht.HoldQuery.$Shape
         */

        /**
         * Constructs a new HoldQuery.
         * @memberof ringdht
         * @classdesc Represents a HoldQuery.
         * @constructor
         * @param {ringdht.HoldQuery.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const HoldQuery = function (properties) {
            this.names = [];
            this.versions = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * HoldQuery names.
         * @member {Array.<string>} names
         * @memberof ringdht.HoldQuery
         * @instance
         */
        HoldQuery.prototype.names = $util.emptyArray;

        /**
         * HoldQuery origin.
         * @member {number} origin
         * @memberof ringdht.HoldQuery
         * @instance
         */
        HoldQuery.prototype.origin = 0;

        /**
         * HoldQuery ttl.
         * @member {number} ttl
         * @memberof ringdht.HoldQuery
         * @instance
         */
        HoldQuery.prototype.ttl = 0;

        /**
         * HoldQuery versions.
         * @member {Array.<ringdht.Version.$Properties>} versions
         * @memberof ringdht.HoldQuery
         * @instance
         */
        HoldQuery.prototype.versions = $util.emptyArray;

        /**
         * Creates a new HoldQuery instance using the specified properties.
         * @function create
         * @memberof ringdht.HoldQuery
         * @static
         * @param {ringdht.HoldQuery.$Properties=} [properties] Properties to set
         * @returns {ringdht.HoldQuery} HoldQuery instance
         * @type {{
         *   (properties: ringdht.HoldQuery.$Shape): ringdht.HoldQuery & ringdht.HoldQuery.$Shape;
         *   (properties?: ringdht.HoldQuery.$Properties): ringdht.HoldQuery;
         * }}
         */
        HoldQuery.create = function(properties) {
            return new HoldQuery(properties);
        };

        /**
         * Encodes the specified HoldQuery message. Does not implicitly {@link ringdht.HoldQuery.verify|verify} messages.
         * @function encode
         * @memberof ringdht.HoldQuery
         * @static
         * @param {ringdht.HoldQuery.$Properties} message HoldQuery message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        HoldQuery.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.names != null && message.names.length)
                for (let i = 0; i < message.names.length; ++i)
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.names[i]);
            if (message.origin != null && $Object.hasOwnProperty.call(message, "origin") && message.origin !== 0)
                writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.origin);
            if (message.ttl != null && $Object.hasOwnProperty.call(message, "ttl") && message.ttl !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.ttl);
            if (message.versions != null && message.versions.length)
                for (let i = 0; i < message.versions.length; ++i)
                    $root.ringdht.Version.encode(message.versions[i], writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a HoldQuery message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.HoldQuery
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.HoldQuery & ringdht.HoldQuery.$Shape} HoldQuery
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        HoldQuery.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.HoldQuery();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if (!(message.names && message.names.length))
                            message.names = [];
                        message.names.push(reader.stringVerify());
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.origin = value;
                        else
                            delete message.origin;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.ttl = value;
                        else
                            delete message.ttl;
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if (!(message.versions && message.versions.length))
                            message.versions = [];
                        message.versions.push($root.ringdht.Version.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return HoldQuery;
    })();

    ringdht.HoldReply = (function() {

        /**
         * Properties of a HoldReply.
         * @typedef {Object} ringdht.HoldReply.$Properties
         * @property {Array.<string>|null} [held] HoldReply held
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a HoldReply.
         * @memberof ringdht
         * @interface IHoldReply
         * @augments ringdht.HoldReply.$Properties
         * @deprecated Use ringdht.HoldReply.$Properties instead.
         */

        /**
         * Shape of a HoldReply.
         * @typedef {ringdht.HoldReply.$Properties} ringdht.HoldReply.$Shape
         */

        /**
         * Constructs a new HoldReply.
         * @memberof ringdht
         * @classdesc Represents a HoldReply.
         * @constructor
         * @param {ringdht.HoldReply.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const HoldReply = function (properties) {
            this.held = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * HoldReply held.
         * @member {Array.<string>} held
         * @memberof ringdht.HoldReply
         * @instance
         */
        HoldReply.prototype.held = $util.emptyArray;

        /**
         * Creates a new HoldReply instance using the specified properties.
         * @function create
         * @memberof ringdht.HoldReply
         * @static
         * @param {ringdht.HoldReply.$Properties=} [properties] Properties to set
         * @returns {ringdht.HoldReply} HoldReply instance
         * @type {{
         *   (properties: ringdht.HoldReply.$Shape): ringdht.HoldReply & ringdht.HoldReply.$Shape;
         *   (properties?: ringdht.HoldReply.$Properties): ringdht.HoldReply;
         * }}
         */
        HoldReply.create = function(properties) {
            return new HoldReply(properties);
        };

        /**
         * Encodes the specified HoldReply message. Does not implicitly {@link ringdht.HoldReply.verify|verify} messages.
         * @function encode
         * @memberof ringdht.HoldReply
         * @static
         * @param {ringdht.HoldReply.$Properties} message HoldReply message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        HoldReply.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.held != null && message.held.length)
                for (let i = 0; i < message.held.length; ++i)
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.held[i]);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a HoldReply message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.HoldReply
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.HoldReply & ringdht.HoldReply.$Shape} HoldReply
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        HoldReply.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.HoldReply();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if (!(message.held && message.held.length))
                            message.held = [];
                        message.held.push(reader.stringVerify());
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return HoldReply;
    })();

    ringdht.Sealed = (function() {

        /**
         * Properties of a Sealed.
         * @typedef {Object} ringdht.Sealed.$Properties
         * @property {Uint8Array|null} [envelope] Sealed envelope
         * @property {number|null} [timestampMs] Sealed timestampMs
         * @property {Uint8Array|null} [nonce] Sealed nonce
         * @property {Uint8Array|null} [mac] Sealed mac
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Sealed.
         * @memberof ringdht
         * @interface ISealed
         * @augments ringdht.Sealed.$Properties
         * @deprecated Use ringdht.Sealed.$Properties instead.
         */

        /**
         * Shape of a Sealed.
         * @typedef {ringdht.Sealed.$Properties} ringdht.Sealed.$Shape
         */

        /**
         * Constructs a new Sealed.
         * @memberof ringdht
         * @classdesc Represents a Sealed.
         * @constructor
         * @param {ringdht.Sealed.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Sealed = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Sealed envelope.
         * @member {Uint8Array} envelope
         * @memberof ringdht.Sealed
         * @instance
         */
        Sealed.prototype.envelope = $util.newBuffer([]);

        /**
         * Sealed timestampMs.
         * @member {number} timestampMs
         * @memberof ringdht.Sealed
         * @instance
         */
        Sealed.prototype.timestampMs = 0;

        /**
         * Sealed nonce.
         * @member {Uint8Array} nonce
         * @memberof ringdht.Sealed
         * @instance
         */
        Sealed.prototype.nonce = $util.newBuffer([]);

        /**
         * Sealed mac.
         * @member {Uint8Array} mac
         * @memberof ringdht.Sealed
         * @instance
         */
        Sealed.prototype.mac = $util.newBuffer([]);

        /**
         * Creates a new Sealed instance using the specified properties.
         * @function create
         * @memberof ringdht.Sealed
         * @static
         * @param {ringdht.Sealed.$Properties=} [properties] Properties to set
         * @returns {ringdht.Sealed} Sealed instance
         * @type {{
         *   (properties: ringdht.Sealed.$Shape): ringdht.Sealed & ringdht.Sealed.$Shape;
         *   (properties?: ringdht.Sealed.$Properties): ringdht.Sealed;
         * }}
         */
        Sealed.create = function(properties) {
            return new Sealed(properties);
        };

        /**
         * Encodes the specified Sealed message. Does not implicitly {@link ringdht.Sealed.verify|verify} messages.
         * @function encode
         * @memberof ringdht.Sealed
         * @static
         * @param {ringdht.Sealed.$Properties} message Sealed message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Sealed.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.envelope != null && $Object.hasOwnProperty.call(message, "envelope") && message.envelope.length)
                writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.envelope);
            if (message.timestampMs != null && $Object.hasOwnProperty.call(message, "timestampMs") && !$Object.is(message.timestampMs, 0))
                writer.uint32(/* id 2, wireType 1 =*/17).double(message.timestampMs);
            if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce") && message.nonce.length)
                writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.nonce);
            if (message.mac != null && $Object.hasOwnProperty.call(message, "mac") && message.mac.length)
                writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.mac);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Sealed message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.Sealed
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.Sealed & ringdht.Sealed.$Shape} Sealed
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Sealed.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.Sealed();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.envelope = value;
                        else
                            delete message.envelope;
                        continue;
                    }
                case 2: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.timestampMs = value;
                        else
                            delete message.timestampMs;
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.nonce = value;
                        else
                            delete message.nonce;
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.mac = value;
                        else
                            delete message.mac;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return Sealed;
    })();

    ringdht.SuccessorList = (function() {

        /**
         * Properties of a SuccessorList.
         * @typedef {Object} ringdht.SuccessorList.$Properties
         * @property {Array.<number>|null} [successors] SuccessorList successors
         * @property {Array.<string>|null} [zones] SuccessorList zones
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a SuccessorList.
         * @memberof ringdht
         * @interface ISuccessorList
         * @augments ringdht.SuccessorList.$Properties
         * @deprecated Use ringdht.SuccessorList.$Properties instead.
         */

        /**
         * Shape of a SuccessorList.
         * @typedef {ringdht.SuccessorList.$Properties} ringdht.SuccessorList.$Shape
         */

        /**
         * Constructs a new SuccessorList.
         * @memberof ringdht
         * @classdesc Represents a SuccessorList.
         * @constructor
         * @param {ringdht.SuccessorList.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const SuccessorList = function (properties) {
            this.successors = [];
            this.zones = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * SuccessorList successors.
         * @member {Array.<number>} successors
         * @memberof ringdht.SuccessorList
         * @instance
         */
        SuccessorList.prototype.successors = $util.emptyArray;

        /**
         * SuccessorList zones.
         * @member {Array.<string>} zones
         * @memberof ringdht.SuccessorList
         * @instance
         */
        SuccessorList.prototype.zones = $util.emptyArray;

        /**
         * Creates a new SuccessorList instance using the specified properties.
         * @function create
         * @memberof ringdht.SuccessorList
         * @static
         * @param {ringdht.SuccessorList.$Properties=} [properties] Properties to set
         * @returns {ringdht.SuccessorList} SuccessorList instance
         * @type {{
         *   (properties: ringdht.SuccessorList.$Shape): ringdht.SuccessorList & ringdht.SuccessorList.$Shape;
         *   (properties?: ringdht.SuccessorList.$Properties): ringdht.SuccessorList;
         * }}
         */
        SuccessorList.create = function(properties) {
            return new SuccessorList(properties);
        };

        /**
         * Encodes the specified SuccessorList message. Does not implicitly {@link ringdht.SuccessorList.verify|verify} messages.
         * @function encode
         * @memberof ringdht.SuccessorList
         * @static
         * @param {ringdht.SuccessorList.$Properties} message SuccessorList message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        SuccessorList.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.successors != null && message.successors.length)
                writer.uint32(/* id 1, wireType 2 =*/10).uint32s(message.successors);
            if (message.zones != null && message.zones.length)
                for (let i = 0; i < message.zones.length; ++i)
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.zones[i]);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a SuccessorList message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.SuccessorList
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.SuccessorList & ringdht.SuccessorList.$Shape} SuccessorList
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        SuccessorList.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.SuccessorList();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType === 2) {
                            if (!(message.successors && message.successors.length))
                                message.successors = [];
                            reader.uint32s(message.successors);
                            continue;
                        }
                        if (wireType !== 0)
                            break;
                        if (!(message.successors && message.successors.length))
                            message.successors = [];
                        message.successors.push(reader.uint32());
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if (!(message.zones && message.zones.length))
                            message.zones = [];
                        message.zones.push(reader.stringVerify());
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return SuccessorList;
    })();

    ringdht.IndirectProbe = (function() {

        /**
         * Properties of an IndirectProbe.
         * @typedef {Object} ringdht.IndirectProbe.$Properties
         * @property {number|null} [target] IndirectProbe target
         * @property {number|null} [requester] IndirectProbe requester
         * @property {number|null} [seq] IndirectProbe seq
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an IndirectProbe.
         * @memberof ringdht
         * @interface IIndirectProbe
         * @augments ringdht.IndirectProbe.$Properties
         * @deprecated Use ringdht.IndirectProbe.$Properties instead.
         */

        /**
         * Shape of an IndirectProbe.
         * @typedef {ringdht.IndirectProbe.$Properties} ringdht.IndirectProbe.$Shape
         */

        /**
         * Constructs a new IndirectProbe.
         * @memberof ringdht
         * @classdesc Represents an IndirectProbe.
         * @constructor
         * @param {ringdht.IndirectProbe.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const IndirectProbe = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * IndirectProbe target.
         * @member {number} target
         * @memberof ringdht.IndirectProbe
         * @instance
         */
        IndirectProbe.prototype.target = 0;

        /**
         * IndirectProbe requester.
         * @member {number} requester
         * @memberof ringdht.IndirectProbe
         * @instance
         */
        IndirectProbe.prototype.requester = 0;

        /**
         * IndirectProbe seq.
         * @member {number} seq
         * @memberof ringdht.IndirectProbe
         * @instance
         */
        IndirectProbe.prototype.seq = 0;

        /**
         * Creates a new IndirectProbe instance using the specified properties.
         * @function create
         * @memberof ringdht.IndirectProbe
         * @static
         * @param {ringdht.IndirectProbe.$Properties=} [properties] Properties to set
         * @returns {ringdht.IndirectProbe} IndirectProbe instance
         * @type {{
         *   (properties: ringdht.IndirectProbe.$Shape): ringdht.IndirectProbe & ringdht.IndirectProbe.$Shape;
         *   (properties?: ringdht.IndirectProbe.$Properties): ringdht.IndirectProbe;
         * }}
         */
        IndirectProbe.create = function(properties) {
            return new IndirectProbe(properties);
        };

        /**
         * Encodes the specified IndirectProbe message. Does not implicitly {@link ringdht.IndirectProbe.verify|verify} messages.
         * @function encode
         * @memberof ringdht.IndirectProbe
         * @static
         * @param {ringdht.IndirectProbe.$Properties} message IndirectProbe message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        IndirectProbe.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.target != null && $Object.hasOwnProperty.call(message, "target") && message.target !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.target);
            if (message.requester != null && $Object.hasOwnProperty.call(message, "requester") && message.requester !== 0)
                writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.requester);
            if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && message.seq !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.seq);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes an IndirectProbe message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.IndirectProbe
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.IndirectProbe & ringdht.IndirectProbe.$Shape} IndirectProbe
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        IndirectProbe.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.IndirectProbe();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.target = value;
                        else
                            delete message.target;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.requester = value;
                        else
                            delete message.requester;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.seq = value;
                        else
                            delete message.seq;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return IndirectProbe;
    })();

    ringdht.IndirectAck = (function() {

        /**
         * Properties of an IndirectAck.
         * @typedef {Object} ringdht.IndirectAck.$Properties
         * @property {number|null} [target] IndirectAck target
         * @property {number|null} [requester] IndirectAck requester
         * @property {number|null} [seq] IndirectAck seq
         * @property {number|null} [incarnation] IndirectAck incarnation
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an IndirectAck.
         * @memberof ringdht
         * @interface IIndirectAck
         * @augments ringdht.IndirectAck.$Properties
         * @deprecated Use ringdht.IndirectAck.$Properties instead.
         */

        /**
         * Shape of an IndirectAck.
         * @typedef {ringdht.IndirectAck.$Properties} ringdht.IndirectAck.$Shape
         */

        /**
         * Constructs a new IndirectAck.
         * @memberof ringdht
         * @classdesc Represents an IndirectAck.
         * @constructor
         * @param {ringdht.IndirectAck.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const IndirectAck = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * IndirectAck target.
         * @member {number} target
         * @memberof ringdht.IndirectAck
         * @instance
         */
        IndirectAck.prototype.target = 0;

        /**
         * IndirectAck requester.
         * @member {number} requester
         * @memberof ringdht.IndirectAck
         * @instance
         */
        IndirectAck.prototype.requester = 0;

        /**
         * IndirectAck seq.
         * @member {number} seq
         * @memberof ringdht.IndirectAck
         * @instance
         */
        IndirectAck.prototype.seq = 0;

        /**
         * IndirectAck incarnation.
         * @member {number} incarnation
         * @memberof ringdht.IndirectAck
         * @instance
         */
        IndirectAck.prototype.incarnation = 0;

        /**
         * Creates a new IndirectAck instance using the specified properties.
         * @function create
         * @memberof ringdht.IndirectAck
         * @static
         * @param {ringdht.IndirectAck.$Properties=} [properties] Properties to set
         * @returns {ringdht.IndirectAck} IndirectAck instance
         * @type {{
         *   (properties: ringdht.IndirectAck.$Shape): ringdht.IndirectAck & ringdht.IndirectAck.$Shape;
         *   (properties?: ringdht.IndirectAck.$Properties): ringdht.IndirectAck;
         * }}
         */
        IndirectAck.create = function(properties) {
            return new IndirectAck(properties);
        };

        /**
         * Encodes the specified IndirectAck message. Does not implicitly {@link ringdht.IndirectAck.verify|verify} messages.
         * @function encode
         * @memberof ringdht.IndirectAck
         * @static
         * @param {ringdht.IndirectAck.$Properties} message IndirectAck message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        IndirectAck.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.target != null && $Object.hasOwnProperty.call(message, "target") && message.target !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.target);
            if (message.requester != null && $Object.hasOwnProperty.call(message, "requester") && message.requester !== 0)
                writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.requester);
            if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && message.seq !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.seq);
            if (message.incarnation != null && $Object.hasOwnProperty.call(message, "incarnation") && message.incarnation !== 0)
                writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.incarnation);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes an IndirectAck message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.IndirectAck
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.IndirectAck & ringdht.IndirectAck.$Shape} IndirectAck
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        IndirectAck.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.IndirectAck();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.target = value;
                        else
                            delete message.target;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.requester = value;
                        else
                            delete message.requester;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.seq = value;
                        else
                            delete message.seq;
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.incarnation = value;
                        else
                            delete message.incarnation;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return IndirectAck;
    })();

    ringdht.Suspect = (function() {

        /**
         * Properties of a Suspect.
         * @typedef {Object} ringdht.Suspect.$Properties
         * @property {number|null} [peer] Suspect peer
         * @property {number|null} [incarnation] Suspect incarnation
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Suspect.
         * @memberof ringdht
         * @interface ISuspect
         * @augments ringdht.Suspect.$Properties
         * @deprecated Use ringdht.Suspect.$Properties instead.
         */

        /**
         * Shape of a Suspect.
         * @typedef {ringdht.Suspect.$Properties} ringdht.Suspect.$Shape
         */

        /**
         * Constructs a new Suspect.
         * @memberof ringdht
         * @classdesc Represents a Suspect.
         * @constructor
         * @param {ringdht.Suspect.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Suspect = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Suspect peer.
         * @member {number} peer
         * @memberof ringdht.Suspect
         * @instance
         */
        Suspect.prototype.peer = 0;

        /**
         * Suspect incarnation.
         * @member {number} incarnation
         * @memberof ringdht.Suspect
         * @instance
         */
        Suspect.prototype.incarnation = 0;

        /**
         * Creates a new Suspect instance using the specified properties.
         * @function create
         * @memberof ringdht.Suspect
         * @static
         * @param {ringdht.Suspect.$Properties=} [properties] Properties to set
         * @returns {ringdht.Suspect} Suspect instance
         * @type {{
         *   (properties: ringdht.Suspect.$Shape): ringdht.Suspect & ringdht.Suspect.$Shape;
         *   (properties?: ringdht.Suspect.$Properties): ringdht.Suspect;
         * }}
         */
        Suspect.create = function(properties) {
            return new Suspect(properties);
        };

        /**
         * Encodes the specified Suspect message. Does not implicitly {@link ringdht.Suspect.verify|verify} messages.
         * @function encode
         * @memberof ringdht.Suspect
         * @static
         * @param {ringdht.Suspect.$Properties} message Suspect message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Suspect.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.peer != null && $Object.hasOwnProperty.call(message, "peer") && message.peer !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.peer);
            if (message.incarnation != null && $Object.hasOwnProperty.call(message, "incarnation") && message.incarnation !== 0)
                writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.incarnation);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Suspect message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.Suspect
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.Suspect & ringdht.Suspect.$Shape} Suspect
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Suspect.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.Suspect();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.peer = value;
                        else
                            delete message.peer;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.incarnation = value;
                        else
                            delete message.incarnation;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return Suspect;
    })();

    ringdht.Alive = (function() {

        /**
         * Properties of an Alive.
         * @typedef {Object} ringdht.Alive.$Properties
         * @property {number|null} [peer] Alive peer
         * @property {number|null} [incarnation] Alive incarnation
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an Alive.
         * @memberof ringdht
         * @interface IAlive
         * @augments ringdht.Alive.$Properties
         * @deprecated Use ringdht.Alive.$Properties instead.
         */

        /**
         * Shape of an Alive.
         * @typedef {ringdht.Alive.$Properties} ringdht.Alive.$Shape
         */

        /**
         * Constructs a new Alive.
         * @memberof ringdht
         * @classdesc Represents an Alive.
         * @constructor
         * @param {ringdht.Alive.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Alive = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Alive peer.
         * @member {number} peer
         * @memberof ringdht.Alive
         * @instance
         */
        Alive.prototype.peer = 0;

        /**
         * Alive incarnation.
         * @member {number} incarnation
         * @memberof ringdht.Alive
         * @instance
         */
        Alive.prototype.incarnation = 0;

        /**
         * Creates a new Alive instance using the specified properties.
         * @function create
         * @memberof ringdht.Alive
         * @static
         * @param {ringdht.Alive.$Properties=} [properties] Properties to set
         * @returns {ringdht.Alive} Alive instance
         * @type {{
         *   (properties: ringdht.Alive.$Shape): ringdht.Alive & ringdht.Alive.$Shape;
         *   (properties?: ringdht.Alive.$Properties): ringdht.Alive;
         * }}
         */
        Alive.create = function(properties) {
            return new Alive(properties);
        };

        /**
         * Encodes the specified Alive message. Does not implicitly {@link ringdht.Alive.verify|verify} messages.
         * @function encode
         * @memberof ringdht.Alive
         * @static
         * @param {ringdht.Alive.$Properties} message Alive message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Alive.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.peer != null && $Object.hasOwnProperty.call(message, "peer") && message.peer !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.peer);
            if (message.incarnation != null && $Object.hasOwnProperty.call(message, "incarnation") && message.incarnation !== 0)
                writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.incarnation);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes an Alive message from the specified reader or buffer.
         * @function decode
         * @memberof ringdht.Alive
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {ringdht.Alive & ringdht.Alive.$Shape} Alive
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Alive.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.ringdht.Alive();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.peer = value;
                        else
                            delete message.peer;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.incarnation = value;
                        else
                            delete message.incarnation;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return Alive;
    })();

    return ringdht;
})();

export {
  $root as default
};
