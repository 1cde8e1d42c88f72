import * as $protobuf from "protobufjs";
import Long = require("long");

export namespace ringdht {

    interface IEnvelope extends ringdht.Envelope.$Properties {
    }

    class Envelope {
        constructor(properties?: ringdht.Envelope.$Properties);
        $unknowns?: Uint8Array[];
        from: number;
        addresses: ringdht.PeerAddress.$Properties[];
        pingRequest?: (ringdht.PingRequest.$Properties|null);
        pingResponse?: (ringdht.PingResponse.$Properties|null);
        lookup?: (ringdht.Lookup.$Properties|null);
        storeReady?: (ringdht.StoreReady.$Properties|null);
        notFound?: (ringdht.NotFound.$Properties|null);
        joinRequest?: (ringdht.JoinRequest.$Properties|null);
        joinAccepted?: (ringdht.JoinAccepted.$Properties|null);
        joinRefused?: (ringdht.JoinRefused.$Properties|null);
        successorChange?: (ringdht.SuccessorChange.$Properties|null);
        departure?: (ringdht.Departure.$Properties|null);
        departureAck?: (ringdht.DepartureAck.$Properties|null);
        leaving?: (ringdht.Leaving.$Properties|null);
        transferHeader?: (ringdht.TransferHeader.$Properties|null);
        transferChunk?: (ringdht.TransferChunk.$Properties|null);
        transferEnd?: (ringdht.TransferEnd.$Properties|null);
        transferAck?: (ringdht.TransferAck.$Properties|null);
        inlineFile?: (ringdht.InlineFile.$Properties|null);
        inlineAck?: (ringdht.InlineAck.$Properties|null);
        sameCopy?: (ringdht.SameCopy.$Properties|null);
        stored?: (ringdht.Stored.$Properties|null);
        digest?: (ringdht.Digest.$Properties|null);
        digestReply?: (ringdht.DigestReply.$Properties|null);
        holdQuery?: (ringdht.HoldQuery.$Properties|null);
        holdReply?: (ringdht.HoldReply.$Properties|null);
        settle?: (ringdht.Settle.$Properties|null);
        findSuccessor?: (ringdht.FindSuccessor.$Properties|null);
        successorFound?: (ringdht.SuccessorFound.$Properties|null);
        hopAck?: (ringdht.HopAck.$Properties|null);
        successorList?: (ringdht.SuccessorList.$Properties|null);
        indirectProbe?: (ringdht.IndirectProbe.$Properties|null);
        indirectAck?: (ringdht.IndirectAck.$Properties|null);
        suspect?: (ringdht.Suspect.$Properties|null);
        alive?: (ringdht.Alive.$Properties|null);
        body?: ("pingRequest"|"pingResponse"|"lookup"|"storeReady"|"notFound"|"joinRequest"|"joinAccepted"|"joinRefused"|"successorChange"|"departure"|"departureAck"|"leaving"|"transferHeader"|"transferChunk"|"transferEnd"|"transferAck"|"inlineFile"|"inlineAck"|"sameCopy"|"stored"|"digest"|"digestReply"|"holdQuery"|"holdReply"|"settle"|"findSuccessor"|"successorFound"|"hopAck"|"successorList"|"indirectProbe"|"indirectAck"|"suspect"|"alive");
        static create(properties: ringdht.Envelope.$Shape): ringdht.Envelope & ringdht.Envelope.$Shape;
        static create(properties?: ringdht.Envelope.$Properties): ringdht.Envelope;
        static encode(message: ringdht.Envelope.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.Envelope & ringdht.Envelope.$Shape;
    }

    namespace Envelope {
        interface $Properties {
            from?: (number|null);
            addresses?: (ringdht.PeerAddress.$Properties[]|null);
            pingRequest?: (ringdht.PingRequest.$Properties|null);
            pingResponse?: (ringdht.PingResponse.$Properties|null);
            lookup?: (ringdht.Lookup.$Properties|null);
            storeReady?: (ringdht.StoreReady.$Properties|null);
            notFound?: (ringdht.NotFound.$Properties|null);
            joinRequest?: (ringdht.JoinRequest.$Properties|null);
            joinAccepted?: (ringdht.JoinAccepted.$Properties|null);
            joinRefused?: (ringdht.JoinRefused.$Properties|null);
            successorChange?: (ringdht.SuccessorChange.$Properties|null);
            departure?: (ringdht.Departure.$Properties|null);
            departureAck?: (ringdht.DepartureAck.$Properties|null);
            leaving?: (ringdht.Leaving.$Properties|null);
            transferHeader?: (ringdht.TransferHeader.$Properties|null);
            transferChunk?: (ringdht.TransferChunk.$Properties|null);
            transferEnd?: (ringdht.TransferEnd.$Properties|null);
            transferAck?: (ringdht.TransferAck.$Properties|null);
            inlineFile?: (ringdht.InlineFile.$Properties|null);
            inlineAck?: (ringdht.InlineAck.$Properties|null);
            sameCopy?: (ringdht.SameCopy.$Properties|null);
            stored?: (ringdht.Stored.$Properties|null);
            digest?: (ringdht.Digest.$Properties|null);
            digestReply?: (ringdht.DigestReply.$Properties|null);
            holdQuery?: (ringdht.HoldQuery.$Properties|null);
            holdReply?: (ringdht.HoldReply.$Properties|null);
            settle?: (ringdht.Settle.$Properties|null);
            findSuccessor?: (ringdht.FindSuccessor.$Properties|null);
            successorFound?: (ringdht.SuccessorFound.$Properties|null);
            hopAck?: (ringdht.HopAck.$Properties|null);
            successorList?: (ringdht.SuccessorList.$Properties|null);
            indirectProbe?: (ringdht.IndirectProbe.$Properties|null);
            indirectAck?: (ringdht.IndirectAck.$Properties|null);
            suspect?: (ringdht.Suspect.$Properties|null);
            alive?: (ringdht.Alive.$Properties|null);
            body?: ("pingRequest"|"pingResponse"|"lookup"|"storeReady"|"notFound"|"joinRequest"|"joinAccepted"|"joinRefused"|"successorChange"|"departure"|"departureAck"|"leaving"|"transferHeader"|"transferChunk"|"transferEnd"|"transferAck"|"inlineFile"|"inlineAck"|"sameCopy"|"stored"|"digest"|"digestReply"|"holdQuery"|"holdReply"|"settle"|"findSuccessor"|"successorFound"|"hopAck"|"successorList"|"indirectProbe"|"indirectAck"|"suspect"|"alive");
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          from?: number|null;
          addresses?: ringdht.PeerAddress.$Shape[]|null;
          pingRequest?: ringdht.PingRequest.$Shape|null;
          pingResponse?: ringdht.PingResponse.$Shape|null;
          lookup?: ringdht.Lookup.$Shape|null;
          storeReady?: ringdht.StoreReady.$Shape|null;
          notFound?: ringdht.NotFound.$Shape|null;
          joinRequest?: ringdht.JoinRequest.$Shape|null;
          joinAccepted?: ringdht.JoinAccepted.$Shape|null;
          joinRefused?: ringdht.JoinRefused.$Shape|null;
          successorChange?: ringdht.SuccessorChange.$Shape|null;
          departure?: ringdht.Departure.$Shape|null;
          departureAck?: ringdht.DepartureAck.$Shape|null;
          leaving?: ringdht.Leaving.$Shape|null;
          transferHeader?: ringdht.TransferHeader.$Shape|null;
          transferChunk?: ringdht.TransferChunk.$Shape|null;
          transferEnd?: ringdht.TransferEnd.$Shape|null;
          transferAck?: ringdht.TransferAck.$Shape|null;
          inlineFile?: ringdht.InlineFile.$Shape|null;
          inlineAck?: ringdht.InlineAck.$Shape|null;
          sameCopy?: ringdht.SameCopy.$Shape|null;
          stored?: ringdht.Stored.$Shape|null;
          digest?: ringdht.Digest.$Shape|null;
          digestReply?: ringdht.DigestReply.$Shape|null;
          holdQuery?: ringdht.HoldQuery.$Shape|null;
          holdReply?: ringdht.HoldReply.$Shape|null;
          settle?: ringdht.Settle.$Shape|null;
          findSuccessor?: ringdht.FindSuccessor.$Shape|null;
          successorFound?: ringdht.SuccessorFound.$Shape|null;
          hopAck?: ringdht.HopAck.$Shape|null;
          successorList?: ringdht.SuccessorList.$Shape|null;
          indirectProbe?: ringdht.IndirectProbe.$Shape|null;
          indirectAck?: ringdht.IndirectAck.$Shape|null;
          suspect?: ringdht.Suspect.$Shape|null;
          alive?: ringdht.Alive.$Shape|null;
          $unknowns?: Uint8Array[];
        } & (
          ({ body?: undefined; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "pingRequest"; pingRequest: ringdht.PingRequest.$Shape; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "pingResponse"; pingRequest?: null; pingResponse: ringdht.PingResponse.$Shape; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "lookup"; pingRequest?: null; pingResponse?: null; lookup: ringdht.Lookup.$Shape; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "storeReady"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady: ringdht.StoreReady.$Shape; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "notFound"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound: ringdht.NotFound.$Shape; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "joinRequest"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest: ringdht.JoinRequest.$Shape; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "joinAccepted"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted: ringdht.JoinAccepted.$Shape; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "joinRefused"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused: ringdht.JoinRefused.$Shape; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "successorChange"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange: ringdht.SuccessorChange.$Shape; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "departure"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure: ringdht.Departure.$Shape; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "departureAck"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck: ringdht.DepartureAck.$Shape; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "leaving"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving: ringdht.Leaving.$Shape; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "transferHeader"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader: ringdht.TransferHeader.$Shape; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "transferChunk"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk: ringdht.TransferChunk.$Shape; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "transferEnd"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd: ringdht.TransferEnd.$Shape; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "transferAck"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck: ringdht.TransferAck.$Shape; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "inlineFile"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile: ringdht.InlineFile.$Shape; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "inlineAck"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck: ringdht.InlineAck.$Shape; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "sameCopy"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy: ringdht.SameCopy.$Shape; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "stored"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored: ringdht.Stored.$Shape; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "digest"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest: ringdht.Digest.$Shape; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "digestReply"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply: ringdht.DigestReply.$Shape; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "holdQuery"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery: ringdht.HoldQuery.$Shape; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "holdReply"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply: ringdht.HoldReply.$Shape; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "settle"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle: ringdht.Settle.$Shape; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "findSuccessor"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor: ringdht.FindSuccessor.$Shape; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "successorFound"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound: ringdht.SuccessorFound.$Shape; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "hopAck"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck: ringdht.HopAck.$Shape; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "successorList"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList: ringdht.SuccessorList.$Shape; indirectProbe?: null; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "indirectProbe"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe: ringdht.IndirectProbe.$Shape; indirectAck?: null; suspect?: null; alive?: null }|{ body?: "indirectAck"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck: ringdht.IndirectAck.$Shape; suspect?: null; alive?: null }|{ body?: "suspect"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect: ringdht.Suspect.$Shape; alive?: null }|{ body?: "alive"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; joinRequest?: null; joinAccepted?: null; joinRefused?: null; successorChange?: null; departure?: null; departureAck?: null; leaving?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null; inlineFile?: null; inlineAck?: null; sameCopy?: null; stored?: null; digest?: null; digestReply?: null; holdQuery?: null; holdReply?: null; settle?: null; findSuccessor?: null; successorFound?: null; hopAck?: null; successorList?: null; indirectProbe?: null; indirectAck?: null; suspect?: null; alive: ringdht.Alive.$Shape })
        );
    }

    interface IPingRequest extends ringdht.PingRequest.$Properties {
    }

    class PingRequest {
        constructor(properties?: ringdht.PingRequest.$Properties);
        $unknowns?: Uint8Array[];
        seq: number;
        rank: number;
        predecessors: number[];
        static create(properties: ringdht.PingRequest.$Shape): ringdht.PingRequest & ringdht.PingRequest.$Shape;
        static create(properties?: ringdht.PingRequest.$Properties): ringdht.PingRequest;
        static encode(message: ringdht.PingRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.PingRequest & ringdht.PingRequest.$Shape;
    }

    namespace PingRequest {
        interface $Properties {
            seq?: (number|null);
            rank?: (number|null);
            predecessors?: (number[]|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.PingRequest.$Properties;
    }

    interface IPingResponse extends ringdht.PingResponse.$Properties {
    }

    class PingResponse {
        constructor(properties?: ringdht.PingResponse.$Properties);
        $unknowns?: Uint8Array[];
        seq: number;
        successors: number[];
        hasPredecessor: boolean;
        predecessor: number;
        zone: string;
        zones: string[];
        incarnation: number;
        static create(properties: ringdht.PingResponse.$Shape): ringdht.PingResponse & ringdht.PingResponse.$Shape;
        static create(properties?: ringdht.PingResponse.$Properties): ringdht.PingResponse;
        static encode(message: ringdht.PingResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.PingResponse & ringdht.PingResponse.$Shape;
    }

    namespace PingResponse {
        interface $Properties {
            seq?: (number|null);
            successors?: (number[]|null);
            hasPredecessor?: (boolean|null);
            predecessor?: (number|null);
            zone?: (string|null);
            zones?: (string[]|null);
            incarnation?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.PingResponse.$Properties;
    }

    enum LookupKind {
        LOOKUP_KIND_UNSPECIFIED = 0,
        STORE = 1,
        REQUEST = 2
    }

    interface ILookup extends ringdht.Lookup.$Properties {
    }

    class Lookup {
        constructor(properties?: ringdht.Lookup.$Properties);
        $unknowns?: Uint8Array[];
        kind: ringdht.LookupKind;
        origin: number;
        op: number;
        name: string;
        key: number;
        final: boolean;
        hops: number;
        ack: number;
        attempt: number;
        responsible: number;
        holds?: (ringdht.Version.$Properties|null);
        holders: number[];
        detoured: boolean;
        retry: number;
        stale: boolean;
        passedOver: boolean;
        also: boolean;
        unsettled: boolean;
        static create(properties: ringdht.Lookup.$Shape): ringdht.Lookup & ringdht.Lookup.$Shape;
        static create(properties?: ringdht.Lookup.$Properties): ringdht.Lookup;
        static encode(message: ringdht.Lookup.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.Lookup & ringdht.Lookup.$Shape;
    }

    namespace Lookup {
        interface $Properties {
            kind?: (ringdht.LookupKind|null);
            origin?: (number|null);
            op?: (number|null);
            name?: (string|null);
            key?: (number|null);
            final?: (boolean|null);
            hops?: (number|null);
            ack?: (number|null);
            attempt?: (number|null);
            responsible?: (number|null);
            holds?: (ringdht.Version.$Properties|null);
            holders?: (number[]|null);
            detoured?: (boolean|null);
            retry?: (number|null);
            stale?: (boolean|null);
            passedOver?: (boolean|null);
            also?: (boolean|null);
            unsettled?: (boolean|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.Lookup.$Properties;
    }

    interface IStoreReady extends ringdht.StoreReady.$Properties {
    }

    class StoreReady {
        constructor(properties?: ringdht.StoreReady.$Properties);
        $unknowns?: Uint8Array[];
        op: number;
        name: string;
        hops: number;
        static create(properties: ringdht.StoreReady.$Shape): ringdht.StoreReady & ringdht.StoreReady.$Shape;
        static create(properties?: ringdht.StoreReady.$Properties): ringdht.StoreReady;
        static encode(message: ringdht.StoreReady.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.StoreReady & ringdht.StoreReady.$Shape;
    }

    namespace StoreReady {
        interface $Properties {
            op?: (number|null);
            name?: (string|null);
            hops?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.StoreReady.$Properties;
    }

    interface INotFound extends ringdht.NotFound.$Properties {
    }

    class NotFound {
        constructor(properties?: ringdht.NotFound.$Properties);
        $unknowns?: Uint8Array[];
        op: number;
        name: string;
        hops: number;
        error: string;
        copiesAsked: boolean;
        origin: number;
        stuck: boolean;
        hasResponsible: boolean;
        responsible: number;
        asked: number;
        retry: number;
        passedOver: boolean;
        unsettled: boolean;
        stale: boolean;
        static create(properties: ringdht.NotFound.$Shape): ringdht.NotFound & ringdht.NotFound.$Shape;
        static create(properties?: ringdht.NotFound.$Properties): ringdht.NotFound;
        static encode(message: ringdht.NotFound.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.NotFound & ringdht.NotFound.$Shape;
    }

    namespace NotFound {
        interface $Properties {
            op?: (number|null);
            name?: (string|null);
            hops?: (number|null);
            error?: (string|null);
            copiesAsked?: (boolean|null);
            origin?: (number|null);
            stuck?: (boolean|null);
            hasResponsible?: (boolean|null);
            responsible?: (number|null);
            asked?: (number|null);
            retry?: (number|null);
            passedOver?: (boolean|null);
            unsettled?: (boolean|null);
            stale?: (boolean|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.NotFound.$Properties;
    }

    interface ISameCopy extends ringdht.SameCopy.$Properties {
    }

    class SameCopy {
        constructor(properties?: ringdht.SameCopy.$Properties);
        $unknowns?: Uint8Array[];
        op: number;
        name: string;
        hops: number;
        version?: (ringdht.Version.$Properties|null);
        static create(properties: ringdht.SameCopy.$Shape): ringdht.SameCopy & ringdht.SameCopy.$Shape;
        static create(properties?: ringdht.SameCopy.$Properties): ringdht.SameCopy;
        static encode(message: ringdht.SameCopy.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.SameCopy & ringdht.SameCopy.$Shape;
    }

    namespace SameCopy {
        interface $Properties {
            op?: (number|null);
            name?: (string|null);
            hops?: (number|null);
            version?: (ringdht.Version.$Properties|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.SameCopy.$Properties;
    }

    interface IJoinRequest extends ringdht.JoinRequest.$Properties {
    }

    class JoinRequest {
        constructor(properties?: ringdht.JoinRequest.$Properties);
        $unknowns?: Uint8Array[];
        newcomer: number;
        hops: number;
        static create(properties: ringdht.JoinRequest.$Shape): ringdht.JoinRequest & ringdht.JoinRequest.$Shape;
        static create(properties?: ringdht.JoinRequest.$Properties): ringdht.JoinRequest;
        static encode(message: ringdht.JoinRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.JoinRequest & ringdht.JoinRequest.$Shape;
    }

    namespace JoinRequest {
        interface $Properties {
            newcomer?: (number|null);
            hops?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.JoinRequest.$Properties;
    }

    interface IJoinAccepted extends ringdht.JoinAccepted.$Properties {
    }

    class JoinAccepted {
        constructor(properties?: ringdht.JoinAccepted.$Properties);
        $unknowns?: Uint8Array[];
        successors: number[];
        zones: string[];
        static create(properties: ringdht.JoinAccepted.$Shape): ringdht.JoinAccepted & ringdht.JoinAccepted.$Shape;
        static create(properties?: ringdht.JoinAccepted.$Properties): ringdht.JoinAccepted;
        static encode(message: ringdht.JoinAccepted.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.JoinAccepted & ringdht.JoinAccepted.$Shape;
    }

    namespace JoinAccepted {
        interface $Properties {
            successors?: (number[]|null);
            zones?: (string[]|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.JoinAccepted.$Properties;
    }

    interface IJoinRefused extends ringdht.JoinRefused.$Properties {
    }

    class JoinRefused {
        constructor(properties?: ringdht.JoinRefused.$Properties);
        $unknowns?: Uint8Array[];
        reason: string;
        static create(properties: ringdht.JoinRefused.$Shape): ringdht.JoinRefused & ringdht.JoinRefused.$Shape;
        static create(properties?: ringdht.JoinRefused.$Properties): ringdht.JoinRefused;
        static encode(message: ringdht.JoinRefused.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.JoinRefused & ringdht.JoinRefused.$Shape;
    }

    namespace JoinRefused {
        interface $Properties {
            reason?: (string|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.JoinRefused.$Properties;
    }

    interface ISuccessorChange extends ringdht.SuccessorChange.$Properties {
    }

    class SuccessorChange {
        constructor(properties?: ringdht.SuccessorChange.$Properties);
        $unknowns?: Uint8Array[];
        origin: number;
        successors: number[];
        hops: number;
        zones: string[];
        static create(properties: ringdht.SuccessorChange.$Shape): ringdht.SuccessorChange & ringdht.SuccessorChange.$Shape;
        static create(properties?: ringdht.SuccessorChange.$Properties): ringdht.SuccessorChange;
        static encode(message: ringdht.SuccessorChange.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.SuccessorChange & ringdht.SuccessorChange.$Shape;
    }

    namespace SuccessorChange {
        interface $Properties {
            origin?: (number|null);
            successors?: (number[]|null);
            hops?: (number|null);
            zones?: (string[]|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.SuccessorChange.$Properties;
    }

    interface IDeparture extends ringdht.Departure.$Properties {
    }

    class Departure {
        constructor(properties?: ringdht.Departure.$Properties);
        $unknowns?: Uint8Array[];
        leaving: number;
        successors: number[];
        hops: number;
        rank: number;
        zones: string[];
        passOn: boolean;
        static create(properties: ringdht.Departure.$Shape): ringdht.Departure & ringdht.Departure.$Shape;
        static create(properties?: ringdht.Departure.$Properties): ringdht.Departure;
        static encode(message: ringdht.Departure.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.Departure & ringdht.Departure.$Shape;
    }

    namespace Departure {
        interface $Properties {
            leaving?: (number|null);
            successors?: (number[]|null);
            hops?: (number|null);
            rank?: (number|null);
            zones?: (string[]|null);
            passOn?: (boolean|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.Departure.$Properties;
    }

    interface IDepartureAck extends ringdht.DepartureAck.$Properties {
    }

    class DepartureAck {
        constructor(properties?: ringdht.DepartureAck.$Properties);
        $unknowns?: Uint8Array[];
        leaving: number;
        first: boolean;
        static create(properties: ringdht.DepartureAck.$Shape): ringdht.DepartureAck & ringdht.DepartureAck.$Shape;
        static create(properties?: ringdht.DepartureAck.$Properties): ringdht.DepartureAck;
        static encode(message: ringdht.DepartureAck.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.DepartureAck & ringdht.DepartureAck.$Shape;
    }

    namespace DepartureAck {
        interface $Properties {
            leaving?: (number|null);
            first?: (boolean|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.DepartureAck.$Properties;
    }

    interface ILeaving extends ringdht.Leaving.$Properties {
    }

    class Leaving {
        constructor(properties?: ringdht.Leaving.$Properties);
        $unknowns?: Uint8Array[];
        peer: number;
        static create(properties: ringdht.Leaving.$Shape): ringdht.Leaving & ringdht.Leaving.$Shape;
        static create(properties?: ringdht.Leaving.$Properties): ringdht.Leaving;
        static encode(message: ringdht.Leaving.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.Leaving & ringdht.Leaving.$Shape;
    }

    namespace Leaving {
        interface $Properties {
            peer?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.Leaving.$Properties;
    }

    interface IPeerAddress extends ringdht.PeerAddress.$Properties {
    }

    class PeerAddress {
        constructor(properties?: ringdht.PeerAddress.$Properties);
        $unknowns?: Uint8Array[];
        id: number;
        host: string;
        port: number;
        static create(properties: ringdht.PeerAddress.$Shape): ringdht.PeerAddress & ringdht.PeerAddress.$Shape;
        static create(properties?: ringdht.PeerAddress.$Properties): ringdht.PeerAddress;
        static encode(message: ringdht.PeerAddress.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.PeerAddress & ringdht.PeerAddress.$Shape;
    }

    namespace PeerAddress {
        interface $Properties {
            id?: (number|null);
            host?: (string|null);
            port?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.PeerAddress.$Properties;
    }

    interface IFindSuccessor extends ringdht.FindSuccessor.$Properties {
    }

    class FindSuccessor {
        constructor(properties?: ringdht.FindSuccessor.$Properties);
        $unknowns?: Uint8Array[];
        origin: number;
        seq: number;
        target: number;
        final: boolean;
        hops: number;
        ack: number;
        behind: number[];
        static create(properties: ringdht.FindSuccessor.$Shape): ringdht.FindSuccessor & ringdht.FindSuccessor.$Shape;
        static create(properties?: ringdht.FindSuccessor.$Properties): ringdht.FindSuccessor;
        static encode(message: ringdht.FindSuccessor.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.FindSuccessor & ringdht.FindSuccessor.$Shape;
    }

    namespace FindSuccessor {
        interface $Properties {
            origin?: (number|null);
            seq?: (number|null);
            target?: (number|null);
            final?: (boolean|null);
            hops?: (number|null);
            ack?: (number|null);
            behind?: (number[]|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.FindSuccessor.$Properties;
    }

    interface ISuccessorFound extends ringdht.SuccessorFound.$Properties {
    }

    class SuccessorFound {
        constructor(properties?: ringdht.SuccessorFound.$Properties);
        $unknowns?: Uint8Array[];
        seq: number;
        target: number;
        successor: number;
        static create(properties: ringdht.SuccessorFound.$Shape): ringdht.SuccessorFound & ringdht.SuccessorFound.$Shape;
        static create(properties?: ringdht.SuccessorFound.$Properties): ringdht.SuccessorFound;
        static encode(message: ringdht.SuccessorFound.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.SuccessorFound & ringdht.SuccessorFound.$Shape;
    }

    namespace SuccessorFound {
        interface $Properties {
            seq?: (number|null);
            target?: (number|null);
            successor?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.SuccessorFound.$Properties;
    }

    interface IHopAck extends ringdht.HopAck.$Properties {
    }

    class HopAck {
        constructor(properties?: ringdht.HopAck.$Properties);
        $unknowns?: Uint8Array[];
        ack: number;
        static create(properties: ringdht.HopAck.$Shape): ringdht.HopAck & ringdht.HopAck.$Shape;
        static create(properties?: ringdht.HopAck.$Properties): ringdht.HopAck;
        static encode(message: ringdht.HopAck.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.HopAck & ringdht.HopAck.$Shape;
    }

    namespace HopAck {
        interface $Properties {
            ack?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.HopAck.$Properties;
    }

    enum TransferPurpose {
        TRANSFER_PURPOSE_UNSPECIFIED = 0,
        STORE_FILE = 1,
        DELIVER_FILE = 2,
        REPLICA_FILE = 3
    }

    interface ITransferHeader extends ringdht.TransferHeader.$Properties {
    }

    class TransferHeader {
        constructor(properties?: ringdht.TransferHeader.$Properties);
        $unknowns?: Uint8Array[];
        purpose: ringdht.TransferPurpose;
        op: number;
        origin: number;
        name: string;
        size: number;
        hops: number;
        version?: (ringdht.Version.$Properties|null);
        pending: boolean;
        static create(properties: ringdht.TransferHeader.$Shape): ringdht.TransferHeader & ringdht.TransferHeader.$Shape;
        static create(properties?: ringdht.TransferHeader.$Properties): ringdht.TransferHeader;
        static encode(message: ringdht.TransferHeader.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.TransferHeader & ringdht.TransferHeader.$Shape;
    }

    namespace TransferHeader {
        interface $Properties {
            purpose?: (ringdht.TransferPurpose|null);
            op?: (number|null);
            origin?: (number|null);
            name?: (string|null);
            size?: (number|null);
            hops?: (number|null);
            version?: (ringdht.Version.$Properties|null);
            pending?: (boolean|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.TransferHeader.$Properties;
    }

    interface IVersion extends ringdht.Version.$Properties {
    }

    class Version {
        constructor(properties?: ringdht.Version.$Properties);
        $unknowns?: Uint8Array[];
        stamp: number;
        origin: number;
        op: number;
        static create(properties: ringdht.Version.$Shape): ringdht.Version & ringdht.Version.$Shape;
        static create(properties?: ringdht.Version.$Properties): ringdht.Version;
        static encode(message: ringdht.Version.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.Version & ringdht.Version.$Shape;
    }

    namespace Version {
        interface $Properties {
            stamp?: (number|null);
            origin?: (number|null);
            op?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.Version.$Properties;
    }

    enum SettleOutcome {
        SETTLE_OUTCOME_UNSPECIFIED = 0,
        COMMIT = 1,
        DISCARD = 2
    }

    interface ISettle extends ringdht.Settle.$Properties {
    }

    class Settle {
        constructor(properties?: ringdht.Settle.$Properties);
        $unknowns?: Uint8Array[];
        name: string;
        version?: (ringdht.Version.$Properties|null);
        outcome: ringdht.SettleOutcome;
        done: boolean;
        static create(properties: ringdht.Settle.$Shape): ringdht.Settle & ringdht.Settle.$Shape;
        static create(properties?: ringdht.Settle.$Properties): ringdht.Settle;
        static encode(message: ringdht.Settle.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.Settle & ringdht.Settle.$Shape;
    }

    namespace Settle {
        interface $Properties {
            name?: (string|null);
            version?: (ringdht.Version.$Properties|null);
            outcome?: (ringdht.SettleOutcome|null);
            done?: (boolean|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.Settle.$Properties;
    }

    interface ITransferChunk extends ringdht.TransferChunk.$Properties {
    }

    class TransferChunk {
        constructor(properties?: ringdht.TransferChunk.$Properties);
        $unknowns?: Uint8Array[];
        data: Uint8Array;
        static create(properties: ringdht.TransferChunk.$Shape): ringdht.TransferChunk & ringdht.TransferChunk.$Shape;
        static create(properties?: ringdht.TransferChunk.$Properties): ringdht.TransferChunk;
        static encode(message: ringdht.TransferChunk.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.TransferChunk & ringdht.TransferChunk.$Shape;
    }

    namespace TransferChunk {
        interface $Properties {
            data?: (Uint8Array|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.TransferChunk.$Properties;
    }

    interface ITransferEnd extends ringdht.TransferEnd.$Properties {
    }

    class TransferEnd {
        constructor(properties?: ringdht.TransferEnd.$Properties);
        $unknowns?: Uint8Array[];
        sha256: Uint8Array;
        static create(properties: ringdht.TransferEnd.$Shape): ringdht.TransferEnd & ringdht.TransferEnd.$Shape;
        static create(properties?: ringdht.TransferEnd.$Properties): ringdht.TransferEnd;
        static encode(message: ringdht.TransferEnd.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.TransferEnd & ringdht.TransferEnd.$Shape;
    }

    namespace TransferEnd {
        interface $Properties {
            sha256?: (Uint8Array|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.TransferEnd.$Properties;
    }

    interface ITransferAck extends ringdht.TransferAck.$Properties {
    }

    class TransferAck {
        constructor(properties?: ringdht.TransferAck.$Properties);
        $unknowns?: Uint8Array[];
        ok: boolean;
        error: string;
        static create(properties: ringdht.TransferAck.$Shape): ringdht.TransferAck & ringdht.TransferAck.$Shape;
        static create(properties?: ringdht.TransferAck.$Properties): ringdht.TransferAck;
        static encode(message: ringdht.TransferAck.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.TransferAck & ringdht.TransferAck.$Shape;
    }

    namespace TransferAck {
        interface $Properties {
            ok?: (boolean|null);
            error?: (string|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.TransferAck.$Properties;
    }

    interface IInlineFile extends ringdht.InlineFile.$Properties {
    }

    class InlineFile {
        constructor(properties?: ringdht.InlineFile.$Properties);
        $unknowns?: Uint8Array[];
        transfer: number;
        header?: (ringdht.TransferHeader.$Properties|null);
        data: Uint8Array;
        sha256: Uint8Array;
        static create(properties: ringdht.InlineFile.$Shape): ringdht.InlineFile & ringdht.InlineFile.$Shape;
        static create(properties?: ringdht.InlineFile.$Properties): ringdht.InlineFile;
        static encode(message: ringdht.InlineFile.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.InlineFile & ringdht.InlineFile.$Shape;
    }

    namespace InlineFile {
        interface $Properties {
            transfer?: (number|null);
            header?: (ringdht.TransferHeader.$Properties|null);
            data?: (Uint8Array|null);
            sha256?: (Uint8Array|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.InlineFile.$Properties;
    }

    interface IInlineAck extends ringdht.InlineAck.$Properties {
    }

    class InlineAck {
        constructor(properties?: ringdht.InlineAck.$Properties);
        $unknowns?: Uint8Array[];
        transfer: number;
        ok: boolean;
        error: string;
        static create(properties: ringdht.InlineAck.$Shape): ringdht.InlineAck & ringdht.InlineAck.$Shape;
        static create(properties?: ringdht.InlineAck.$Properties): ringdht.InlineAck;
        static encode(message: ringdht.InlineAck.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.InlineAck & ringdht.InlineAck.$Shape;
    }

    namespace InlineAck {
        interface $Properties {
            transfer?: (number|null);
            ok?: (boolean|null);
            error?: (string|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.InlineAck.$Properties;
    }

    interface IStored extends ringdht.Stored.$Properties {
    }

    class Stored {
        constructor(properties?: ringdht.Stored.$Properties);
        $unknowns?: Uint8Array[];
        op: number;
        name: string;
        hops: number;
        copies: number;
        error: string;
        version?: (ringdht.Version.$Properties|null);
        superseded: boolean;
        unknown: boolean;
        static create(properties: ringdht.Stored.$Shape): ringdht.Stored & ringdht.Stored.$Shape;
        static create(properties?: ringdht.Stored.$Properties): ringdht.Stored;
        static encode(message: ringdht.Stored.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.Stored & ringdht.Stored.$Shape;
    }

    namespace Stored {
        interface $Properties {
            op?: (number|null);
            name?: (string|null);
            hops?: (number|null);
            copies?: (number|null);
            error?: (string|null);
            version?: (ringdht.Version.$Properties|null);
            superseded?: (boolean|null);
            unknown?: (boolean|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.Stored.$Properties;
    }

    interface IFileEntry extends ringdht.FileEntry.$Properties {
    }

    class FileEntry {
        constructor(properties?: ringdht.FileEntry.$Properties);
        $unknowns?: Uint8Array[];
        name: string;
        sha256: Uint8Array;
        version?: (ringdht.Version.$Properties|null);
        static create(properties: ringdht.FileEntry.$Shape): ringdht.FileEntry & ringdht.FileEntry.$Shape;
        static create(properties?: ringdht.FileEntry.$Properties): ringdht.FileEntry;
        static encode(message: ringdht.FileEntry.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.FileEntry & ringdht.FileEntry.$Shape;
    }

    namespace FileEntry {
        interface $Properties {
            name?: (string|null);
            sha256?: (Uint8Array|null);
            version?: (ringdht.Version.$Properties|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.FileEntry.$Properties;
    }

    interface IDigest extends ringdht.Digest.$Properties {
    }

    class Digest {
        constructor(properties?: ringdht.Digest.$Properties);
        $unknowns?: Uint8Array[];
        rangeLo: number;
        lo: number;
        hi: number;
        entries: ringdht.FileEntry.$Properties[];
        handoff: boolean;
        zoned: boolean;
        static create(properties: ringdht.Digest.$Shape): ringdht.Digest & ringdht.Digest.$Shape;
        static create(properties?: ringdht.Digest.$Properties): ringdht.Digest;
        static encode(message: ringdht.Digest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.Digest & ringdht.Digest.$Shape;
    }

    namespace Digest {
        interface $Properties {
            rangeLo?: (number|null);
            lo?: (number|null);
            hi?: (number|null);
            entries?: (ringdht.FileEntry.$Properties[]|null);
            handoff?: (boolean|null);
            zoned?: (boolean|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.Digest.$Properties;
    }

    interface IDigestReply extends ringdht.DigestReply.$Properties {
    }

    class DigestReply {
        constructor(properties?: ringdht.DigestReply.$Properties);
        $unknowns?: Uint8Array[];
        want: string[];
        static create(properties: ringdht.DigestReply.$Shape): ringdht.DigestReply & ringdht.DigestReply.$Shape;
        static create(properties?: ringdht.DigestReply.$Properties): ringdht.DigestReply;
        static encode(message: ringdht.DigestReply.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.DigestReply & ringdht.DigestReply.$Shape;
    }

    namespace DigestReply {
        interface $Properties {
            want?: (string[]|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.DigestReply.$Properties;
    }

    interface IHoldQuery extends ringdht.HoldQuery.$Properties {
    }

    class HoldQuery {
        constructor(properties?: ringdht.HoldQuery.$Properties);
        $unknowns?: Uint8Array[];
        names: string[];
        origin: number;
        ttl: number;
        versions: ringdht.Version.$Properties[];
        static create(properties: ringdht.HoldQuery.$Shape): ringdht.HoldQuery & ringdht.HoldQuery.$Shape;
        static create(properties?: ringdht.HoldQuery.$Properties): ringdht.HoldQuery;
        static encode(message: ringdht.HoldQuery.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.HoldQuery & ringdht.HoldQuery.$Shape;
    }

    namespace HoldQuery {
        interface $Properties {
            names?: (string[]|null);
            origin?: (number|null);
            ttl?: (number|null);
            versions?: (ringdht.Version.$Properties[]|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.HoldQuery.$Properties;
    }

    interface IHoldReply extends ringdht.HoldReply.$Properties {
    }

    class HoldReply {
        constructor(properties?: ringdht.HoldReply.$Properties);
        $unknowns?: Uint8Array[];
        held: string[];
        static create(properties: ringdht.HoldReply.$Shape): ringdht.HoldReply & ringdht.HoldReply.$Shape;
        static create(properties?: ringdht.HoldReply.$Properties): ringdht.HoldReply;
        static encode(message: ringdht.HoldReply.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.HoldReply & ringdht.HoldReply.$Shape;
    }

    namespace HoldReply {
        interface $Properties {
            held?: (string[]|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.HoldReply.$Properties;
    }

    interface ISealed extends ringdht.Sealed.$Properties {
    }

    class Sealed {
        constructor(properties?: ringdht.Sealed.$Properties);
        $unknowns?: Uint8Array[];
        envelope: Uint8Array;
        timestampMs: number;
        nonce: Uint8Array;
        mac: Uint8Array;
        static create(properties: ringdht.Sealed.$Shape): ringdht.Sealed & ringdht.Sealed.$Shape;
        static create(properties?: ringdht.Sealed.$Properties): ringdht.Sealed;
        static encode(message: ringdht.Sealed.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.Sealed & ringdht.Sealed.$Shape;
    }

    namespace Sealed {
        interface $Properties {
            envelope?: (Uint8Array|null);
            timestampMs?: (number|null);
            nonce?: (Uint8Array|null);
            mac?: (Uint8Array|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.Sealed.$Properties;
    }

    interface ISuccessorList extends ringdht.SuccessorList.$Properties {
    }

    class SuccessorList {
        constructor(properties?: ringdht.SuccessorList.$Properties);
        $unknowns?: Uint8Array[];
        successors: number[];
        zones: string[];
        static create(properties: ringdht.SuccessorList.$Shape): ringdht.SuccessorList & ringdht.SuccessorList.$Shape;
        static create(properties?: ringdht.SuccessorList.$Properties): ringdht.SuccessorList;
        static encode(message: ringdht.SuccessorList.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.SuccessorList & ringdht.SuccessorList.$Shape;
    }

    namespace SuccessorList {
        interface $Properties {
            successors?: (number[]|null);
            zones?: (string[]|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.SuccessorList.$Properties;
    }

    interface IIndirectProbe extends ringdht.IndirectProbe.$Properties {
    }

    class IndirectProbe {
        constructor(properties?: ringdht.IndirectProbe.$Properties);
        $unknowns?: Uint8Array[];
        target: number;
        requester: number;
        seq: number;
        static create(properties: ringdht.IndirectProbe.$Shape): ringdht.IndirectProbe & ringdht.IndirectProbe.$Shape;
        static create(properties?: ringdht.IndirectProbe.$Properties): ringdht.IndirectProbe;
        static encode(message: ringdht.IndirectProbe.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.IndirectProbe & ringdht.IndirectProbe.$Shape;
    }

    namespace IndirectProbe {
        interface $Properties {
            target?: (number|null);
            requester?: (number|null);
            seq?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.IndirectProbe.$Properties;
    }

    interface IIndirectAck extends ringdht.IndirectAck.$Properties {
    }

    class IndirectAck {
        constructor(properties?: ringdht.IndirectAck.$Properties);
        $unknowns?: Uint8Array[];
        target: number;
        requester: number;
        seq: number;
        incarnation: number;
        static create(properties: ringdht.IndirectAck.$Shape): ringdht.IndirectAck & ringdht.IndirectAck.$Shape;
        static create(properties?: ringdht.IndirectAck.$Properties): ringdht.IndirectAck;
        static encode(message: ringdht.IndirectAck.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.IndirectAck & ringdht.IndirectAck.$Shape;
    }

    namespace IndirectAck {
        interface $Properties {
            target?: (number|null);
            requester?: (number|null);
            seq?: (number|null);
            incarnation?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.IndirectAck.$Properties;
    }

    interface ISuspect extends ringdht.Suspect.$Properties {
    }

    class Suspect {
        constructor(properties?: ringdht.Suspect.$Properties);
        $unknowns?: Uint8Array[];
        peer: number;
        incarnation: number;
        static create(properties: ringdht.Suspect.$Shape): ringdht.Suspect & ringdht.Suspect.$Shape;
        static create(properties?: ringdht.Suspect.$Properties): ringdht.Suspect;
        static encode(message: ringdht.Suspect.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.Suspect & ringdht.Suspect.$Shape;
    }

    namespace Suspect {
        interface $Properties {
            peer?: (number|null);
            incarnation?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.Suspect.$Properties;
    }

    interface IAlive extends ringdht.Alive.$Properties {
    }

    class Alive {
        constructor(properties?: ringdht.Alive.$Properties);
        $unknowns?: Uint8Array[];
        peer: number;
        incarnation: number;
        static create(properties: ringdht.Alive.$Shape): ringdht.Alive & ringdht.Alive.$Shape;
        static create(properties?: ringdht.Alive.$Properties): ringdht.Alive;
        static encode(message: ringdht.Alive.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.Alive & ringdht.Alive.$Shape;
    }

    namespace Alive {
        interface $Properties {
            peer?: (number|null);
            incarnation?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.Alive.$Properties;
    }
}
