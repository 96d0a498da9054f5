import { Public, WithoutDatabase } from '../../access/route-access';
import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthResponseSchema, ReadyResponseSchema, type HealthResponse, type ReadyResponse } from '@lapata/contracts';
import type { Response } from 'express';
import { HealthService } from './health.service';

/** Probes for orchestrators and the web. They need no session and say nothing but their status. */
@ApiTags('health')
@Public()
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('health')
  @WithoutDatabase()
  @ApiOperation({ summary: 'Liveness: the process is up (does not touch the database)' })
  @ApiOkResponse({ standardSchema: HealthResponseSchema })
  live(): HealthResponse {
    return { status: 'ok' };
  }

  @Get('ready')
  @WithoutDatabase()
  @ApiOperation({ summary: 'Readiness: the database answers and no migration is pending' })
  @ApiOkResponse({ standardSchema: ReadyResponseSchema, description: '`{ "status": "ready" }`' })
  @ApiServiceUnavailableResponse({ standardSchema: ReadyResponseSchema, description: '`{ "status": "not_ready" }`' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<ReadyResponse> {
    if (await this.health.isReady()) return { status: 'ready' };
    res.status(503);
    return { status: 'not_ready' };
  }
}
