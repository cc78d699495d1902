/**
 * A serialport binding (the @serialport/bindings-interface contract) whose one port is the
 * simulated reader: the driver runs unchanged over it in training mode and in tests.
 */
import type { SerialBinding, SerialBindingPort, SerialOpenOptions, SerialPortInfo } from '../serial-binding';
import type { SamSimulator } from './sam-simulator';

export const SIMULATOR_PORT_PATH = 'SIM:idcard';

class BindingError extends Error {
  constructor(
    message: string,
    readonly canceled = false,
  ) {
    super(message);
    this.name = 'BindingError';
  }
}

export class SimulatorPort implements SerialBindingPort {
  readonly openOptions: Required<SerialOpenOptions>;
  isOpen = true;
  private readonly rx: Uint8Array[] = [];
  private waiter: { resolve(): void; reject(err: Error): void } | null = null;
  private readonly detach: () => void;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly simulator: SamSimulator,
    options: SerialOpenOptions,
  ) {
    this.openOptions = {
      dataBits: 8,
      lock: true,
      stopBits: 1,
      parity: 'none',
      rtscts: false,
      xon: false,
      xoff: false,
      xany: false,
      hupcl: true,
      ...options,
    };
    simulator.setHostBaudRate(options.baudRate);
    this.detach = simulator.attach((chunk) => {
      this.rx.push(chunk);
      const waiter = this.waiter;
      this.waiter = null;
      waiter?.resolve();
    });
    this.unsubscribe = simulator.onPlugChange((plugged) => {
      if (!plugged) this.vanish();
    });
  }

  async read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }> {
    while (this.rx.length === 0) {
      if (!this.isOpen) throw new BindingError('Port is not open', true);
      await new Promise<void>((resolve, reject) => (this.waiter = { resolve, reject }));
    }
    const head = this.rx[0]!;
    const n = Math.min(length, head.length);
    buffer.set(head.subarray(0, n), offset);
    if (n === head.length) this.rx.shift();
    else this.rx[0] = head.subarray(n);
    return { buffer, bytesRead: n };
  }

  async write(buffer: Buffer): Promise<void> {
    if (!this.isOpen) throw new BindingError('Port is not open');
    this.simulator.receive(new Uint8Array(buffer));
  }

  async update(options: { baudRate: number }): Promise<void> {
    this.ensureOpen();
    this.simulator.setHostBaudRate(options.baudRate);
    this.openOptions.baudRate = options.baudRate;
  }

  async set(_options: { brk?: boolean; cts?: boolean; dsr?: boolean; dtr?: boolean; rts?: boolean }): Promise<void> {
    this.ensureOpen();
  }

  async get(): Promise<{ cts: boolean; dsr: boolean; dcd: boolean }> {
    this.ensureOpen();
    return { cts: true, dsr: true, dcd: false };
  }

  async getBaudRate(): Promise<{ baudRate: number }> {
    this.ensureOpen();
    return { baudRate: this.openOptions.baudRate };
  }

  async flush(): Promise<void> {
    this.ensureOpen();
    this.rx.length = 0;
  }

  async drain(): Promise<void> {
    this.ensureOpen();
  }

  async close(): Promise<void> {
    if (!this.isOpen) throw new BindingError('Port is not open');
    this.shut(new BindingError('Port closed', true));
  }

  private vanish(): void {
    if (this.isOpen) this.shut(new BindingError('设备已拔出'));
  }

  private shut(reason: BindingError): void {
    this.isOpen = false;
    this.detach();
    this.unsubscribe();
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.reject(reason);
  }

  private ensureOpen(): void {
    if (!this.isOpen) throw new BindingError('Port is not open');
  }
}

export class SimulatorBinding implements SerialBinding {
  constructor(
    readonly simulator: SamSimulator,
    readonly path: string = SIMULATOR_PORT_PATH,
  ) {}

  async list(): Promise<SerialPortInfo[]> {
    if (!this.simulator.plugged) return [];
    return [
      {
        path: this.path,
        manufacturer: 'OneWindow 培训模拟读卡器',
        serialNumber: undefined,
        pnpId: undefined,
        locationId: undefined,
        productId: undefined,
        vendorId: undefined,
      },
    ];
  }

  async open(options: SerialOpenOptions): Promise<SimulatorPort> {
    if (options.path !== this.path) throw new BindingError(`Error: No such file or directory, cannot open ${options.path}`);
    if (!this.simulator.plugged) throw new BindingError(`Error: No such file or directory, cannot open ${options.path}`);
    return new SimulatorPort(this.simulator, options);
  }
}
