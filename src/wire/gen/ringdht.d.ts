import * as $protobuf from "protobufjs";
import Long = require("long");

export namespace ringdht {

    interface IEnvelope extends ringdht.Envelope.$Properties {
    }

    class Envelope {
        constructor(properties?: ringdht.Envelope.$Properties);
        $unknowns?: Uint8Array[];
        from: number;
        pingRequest?: (ringdht.PingRequest.$Properties|null);
        pingResponse?: (ringdht.PingResponse.$Properties|null);
        lookup?: (ringdht.Lookup.$Properties|null);
        storeReady?: (ringdht.StoreReady.$Properties|null);
        notFound?: (ringdht.NotFound.$Properties|null);
        transferHeader?: (ringdht.TransferHeader.$Properties|null);
        transferChunk?: (ringdht.TransferChunk.$Properties|null);
        transferEnd?: (ringdht.TransferEnd.$Properties|null);
        transferAck?: (ringdht.TransferAck.$Properties|null);
        body?: ("pingRequest"|"pingResponse"|"lookup"|"storeReady"|"notFound"|"transferHeader"|"transferChunk"|"transferEnd"|"transferAck");
        static create(properties: ringdht.Envelope.$Shape): ringdht.Envelope & ringdht.Envelope.$Shape;
        static create(properties?: ringdht.Envelope.$Properties): ringdht.Envelope;
        static encode(message: ringdht.Envelope.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.Envelope & ringdht.Envelope.$Shape;
    }

    namespace Envelope {
        interface $Properties {
            from?: (number|null);
            pingRequest?: (ringdht.PingRequest.$Properties|null);
            pingResponse?: (ringdht.PingResponse.$Properties|null);
            lookup?: (ringdht.Lookup.$Properties|null);
            storeReady?: (ringdht.StoreReady.$Properties|null);
            notFound?: (ringdht.NotFound.$Properties|null);
            transferHeader?: (ringdht.TransferHeader.$Properties|null);
            transferChunk?: (ringdht.TransferChunk.$Properties|null);
            transferEnd?: (ringdht.TransferEnd.$Properties|null);
            transferAck?: (ringdht.TransferAck.$Properties|null);
            body?: ("pingRequest"|"pingResponse"|"lookup"|"storeReady"|"notFound"|"transferHeader"|"transferChunk"|"transferEnd"|"transferAck");
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          from?: number|null;
          pingRequest?: ringdht.PingRequest.$Shape|null;
          pingResponse?: ringdht.PingResponse.$Shape|null;
          lookup?: ringdht.Lookup.$Shape|null;
          storeReady?: ringdht.StoreReady.$Shape|null;
          notFound?: ringdht.NotFound.$Shape|null;
          transferHeader?: ringdht.TransferHeader.$Shape|null;
          transferChunk?: ringdht.TransferChunk.$Shape|null;
          transferEnd?: ringdht.TransferEnd.$Shape|null;
          transferAck?: ringdht.TransferAck.$Shape|null;
          $unknowns?: Uint8Array[];
        } & (
          ({ body?: undefined; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null }|{ body?: "pingRequest"; pingRequest: ringdht.PingRequest.$Shape; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null }|{ body?: "pingResponse"; pingRequest?: null; pingResponse: ringdht.PingResponse.$Shape; lookup?: null; storeReady?: null; notFound?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null }|{ body?: "lookup"; pingRequest?: null; pingResponse?: null; lookup: ringdht.Lookup.$Shape; storeReady?: null; notFound?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null }|{ body?: "storeReady"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady: ringdht.StoreReady.$Shape; notFound?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null }|{ body?: "notFound"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound: ringdht.NotFound.$Shape; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck?: null }|{ body?: "transferHeader"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; transferHeader: ringdht.TransferHeader.$Shape; transferChunk?: null; transferEnd?: null; transferAck?: null }|{ body?: "transferChunk"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; transferHeader?: null; transferChunk: ringdht.TransferChunk.$Shape; transferEnd?: null; transferAck?: null }|{ body?: "transferEnd"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; transferHeader?: null; transferChunk?: null; transferEnd: ringdht.TransferEnd.$Shape; transferAck?: null }|{ body?: "transferAck"; pingRequest?: null; pingResponse?: null; lookup?: null; storeReady?: null; notFound?: null; transferHeader?: null; transferChunk?: null; transferEnd?: null; transferAck: ringdht.TransferAck.$Shape })
        );
    }

    interface IPingRequest extends ringdht.PingRequest.$Properties {
    }

    class PingRequest {
        constructor(properties?: ringdht.PingRequest.$Properties);
        $unknowns?: Uint8Array[];
        seq: number;
        rank: number;
        static create(properties: ringdht.PingRequest.$Shape): ringdht.PingRequest & ringdht.PingRequest.$Shape;
        static create(properties?: ringdht.PingRequest.$Properties): ringdht.PingRequest;
        static encode(message: ringdht.PingRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.PingRequest & ringdht.PingRequest.$Shape;
    }

    namespace PingRequest {
        interface $Properties {
            seq?: (number|null);
            rank?: (number|null);
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
        static create(properties: ringdht.PingResponse.$Shape): ringdht.PingResponse & ringdht.PingResponse.$Shape;
        static create(properties?: ringdht.PingResponse.$Properties): ringdht.PingResponse;
        static encode(message: ringdht.PingResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ringdht.PingResponse & ringdht.PingResponse.$Shape;
    }

    namespace PingResponse {
        interface $Properties {
            seq?: (number|null);
            successors?: (number[]|null);
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
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.NotFound.$Properties;
    }

    enum TransferPurpose {
        TRANSFER_PURPOSE_UNSPECIFIED = 0,
        STORE_FILE = 1,
        DELIVER_FILE = 2
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
            $unknowns?: Uint8Array[];
        }
        type $Shape = ringdht.TransferHeader.$Properties;
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
}
